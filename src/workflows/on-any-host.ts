import { log, TimeoutFailure } from '@temporalio/workflow';

/** Times a run claims a worker host and clones there before it fails: the first host and two replacements. */
export const HOST_ROUNDS = 3;

/** Whether `error`, or one of its causes, is a step that its host's queue never started: the host is gone. */
export function isHostLost(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e instanceof TimeoutFailure && e.timeoutType === 'SCHEDULE_TO_START') return true;
  }
  return false;
}

/**
 * Runs `round` (claim a worker host, clone there, work on the clone) and, while the host it claimed stops
 * answering, runs it again on whichever worker claims next, at most {@link HOST_ROUNDS} times. A round hands the
 * clean-up of a lost host's work dir to `abandon` instead of waiting for it; those are awaited before returning,
 * so a host back in time still deletes its dir, and one that never comes back costs one queue wait, not one per
 * round.
 */
export async function onAnyHost<T>(round: (abandon: (cleanup: Promise<void>) => void) => Promise<T>): Promise<T> {
  const abandoned: Promise<void>[] = [];
  try {
    for (let n = 1; ; n++) {
      try {
        return await round((cleanup) => abandoned.push(cleanup));
      } catch (error) {
        if (n >= HOST_ROUNDS || !isHostLost(error)) throw error;
        log.warn('The worker host holding the clone stopped answering; cloning again on another worker', { round: n });
      }
    }
  } finally {
    await Promise.all(abandoned);
  }
}
