import { heartbeat } from '@temporalio/activity';

/**
 * Heartbeats every `everyMs` while `work` runs, with the latest progress as details, so a dead worker is noticed
 * within the heartbeat timeout even when the work itself reports no progress for a while.
 */
export async function heartbeatWhile<T>(
  work: (progress: (done: number) => void) => Promise<T>,
  everyMs = 5_000,
): Promise<T> {
  let done = 0;
  heartbeat({ done });
  const timer = setInterval(() => heartbeat({ done }), everyMs);
  try {
    return await work((value) => {
      done = value;
    });
  } finally {
    clearInterval(timer);
  }
}
