import type { ActivityOptions, RetryPolicy } from '@temporalio/workflow';
import { NON_RETRYABLE_ERROR_TYPES } from '../shared/errors.js';

/**
 * The retry policy of every pipeline step, as in the Python original: 3 attempts, 10 s first interval, doubling,
 * 30 s cap; permanent error types never retried.
 */
export const STEP_RETRY: RetryPolicy = {
  maximumAttempts: 3,
  initialInterval: '10s',
  backoffCoefficient: 2,
  maximumInterval: '30s',
  nonRetryableErrorTypes: [...NON_RETRYABLE_ERROR_TYPES],
};

/**
 * A step on the worker-specific queue waits at most this long for its worker. Past it the host counts as lost
 * and the workflow indexes the commit again from `claim_worker` on any live worker (see `onAnyHost`); a worker
 * restarted on the same host within it simply resumes the run.
 */
export const HOST_QUEUE_WAIT = '30s';

/**
 * Heartbeat timeout of the long steps: they heartbeat every few seconds while they work, so a killed worker is
 * noticed within it and the attempt retried, however long the step is allowed to run.
 */
export const LONG_STEP_HEARTBEAT = '30s';

/**
 * Longest any step may run, whatever the size of the commit: a bound for a step that keeps heartbeating
 * without finishing.
 */
export const STEP_CEILING_MS = 6 * 60 * 60 * 1000;

/** Step 0, precheck: 2 min, as in the original. */
export const PRECHECK_OPTIONS: ActivityOptions = { startToCloseTimeout: '2m', retry: STEP_RETRY };

/** Asking a worker for its own queue: quick, any worker of the shared queue answers. */
export const CLAIM_QUEUE_OPTIONS: ActivityOptions = { startToCloseTimeout: '30s', retry: STEP_RETRY };

/**
 * Step 1, clone. Its size is unknown until it ran, so it is bounded by its heartbeat (a dead worker), by git's
 * own low-speed abort (a stalled transfer, see `GIT_CONFIG_ARGS`) and by a 1 h ceiling instead of the
 * original's 5 min, which a first clone of a kernel-sized repository can exceed.
 */
export const CLONE_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '1h',
  scheduleToStartTimeout: HOST_QUEUE_WAIT,
  heartbeatTimeout: LONG_STEP_HEARTBEAT,
  retry: STEP_RETRY,
};

/** What a commit gives the steps after the clone to do, from the clone's counts. */
export interface WorkSize {
  files: number;
  bytes: number;
}

/** A step whose start-to-close timeout grows with the commit. */
export type ScaledStep = 'parse' | 'persist_kg' | 'persist_metadata';

/**
 * Each step's timeout for a small repository (the original's fixed values) and the throughput it is granted
 * beyond that. The rates are about a fifth of those measured on a 2-core machine (parse 4 MB/s; graph write 170
 * files/s and 2.6 MB/s on a 19,770-file corpus), so a slow or busy host still fits.
 */
const STEP_BUDGETS: Record<ScaledStep, { baseMs: number; filesPerSecond: number; bytesPerSecond: number }> = {
  parse: { baseMs: 5 * 60_000, filesPerSecond: 500, bytesPerSecond: 1_000_000 },
  persist_kg: { baseMs: 10 * 60_000, filesPerSecond: 50, bytesPerSecond: 2_000_000 },
  persist_metadata: { baseMs: 2 * 60_000, filesPerSecond: 200, bytesPerSecond: Number.POSITIVE_INFINITY },
};

function countOrZero(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * Start-to-close timeout of `step` for `size`, in milliseconds: the original's fixed timeout while the work fits in
 * it at the granted throughput, then the time that throughput needs, never above {@link STEP_CEILING_MS}.
 */
export function scaledStartToCloseMs(step: ScaledStep, size: WorkSize): number {
  const budget = STEP_BUDGETS[step];
  const files = countOrZero(size.files);
  const bytes = countOrZero(size.bytes);
  const needed = Math.ceil(files / budget.filesPerSecond + bytes / budget.bytesPerSecond) * 1000;
  return Math.min(STEP_CEILING_MS, Math.max(budget.baseMs, needed));
}

/**
 * Options of a step after the clone on the worker-specific queue: its scaled start-to-close timeout, the
 * heartbeat that notices a dead worker, and the wait for the host.
 */
export function hostStepOptions(step: ScaledStep, size: WorkSize, taskQueue: string): ActivityOptions {
  return {
    taskQueue,
    startToCloseTimeout: scaledStartToCloseMs(step, size),
    scheduleToStartTimeout: HOST_QUEUE_WAIT,
    heartbeatTimeout: LONG_STEP_HEARTBEAT,
    retry: STEP_RETRY,
  };
}

/** Step 5, stale cleanup: 5 min, as in the original. */
export const STALE_CLEANUP_OPTIONS: ActivityOptions = { startToCloseTimeout: '5m', retry: STEP_RETRY };

/** `finally`, work-dir cleanup: 2 min, 2 attempts, as in the original. */
export const CLEANUP_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '2m',
  scheduleToStartTimeout: HOST_QUEUE_WAIT,
  retry: { maximumAttempts: 2, nonRetryableErrorTypes: [...NON_RETRYABLE_ERROR_TYPES] },
};

/** Workflow-level progress events: best effort, short. */
export const EVENT_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '30s',
  retry: { maximumAttempts: 3, initialInterval: '1s' },
};
