import type { ActivityOptions, RetryPolicy } from '@temporalio/workflow';
import { NON_RETRYABLE_ERROR_TYPES } from '../shared/errors.js';

/** The original's retry policy: 3 attempts, 10 s first interval, doubling, 30 s cap; permanent error types never retried. */
export const STEP_RETRY: RetryPolicy = {
  maximumAttempts: 3,
  initialInterval: '10s',
  backoffCoefficient: 2,
  maximumInterval: '30s',
  nonRetryableErrorTypes: [...NON_RETRYABLE_ERROR_TYPES],
};

/**
 * A step on the worker-specific queue waits at most this long for its worker: a host that died for good fails
 * the run instead of parking it forever; a worker restarted on the same host within it resumes the run.
 */
const HOST_QUEUE_WAIT = '5m';

/** Heartbeat timeout of long steps: a killed worker is noticed within it and the step retried. */
export const LONG_STEP_HEARTBEAT = '30s';

/** Step 0, precheck: 2 min (parity). */
export const PRECHECK_OPTIONS: ActivityOptions = { startToCloseTimeout: '2m', retry: STEP_RETRY };

/** Asking a worker for its own queue: quick, any worker of the shared queue answers. */
export const CLAIM_QUEUE_OPTIONS: ActivityOptions = { startToCloseTimeout: '30s', retry: STEP_RETRY };

/** Step 1, clone: 5 min (parity). */
export const CLONE_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '5m',
  scheduleToStartTimeout: HOST_QUEUE_WAIT,
  retry: STEP_RETRY,
};

/** Step 2, parse: 5 min (parity), heartbeating. */
export const PARSE_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '5m',
  scheduleToStartTimeout: HOST_QUEUE_WAIT,
  heartbeatTimeout: LONG_STEP_HEARTBEAT,
  retry: STEP_RETRY,
};

/** Step 3, knowledge graph (compute, compare, write the difference): 10 min (parity), heartbeating. */
export const PERSIST_GRAPH_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '10m',
  scheduleToStartTimeout: HOST_QUEUE_WAIT,
  heartbeatTimeout: LONG_STEP_HEARTBEAT,
  retry: STEP_RETRY,
};

/** Step 4, metadata: 2 min (parity); reads parsed.ndjson, so on the worker queue. */
export const PERSIST_METADATA_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '2m',
  scheduleToStartTimeout: HOST_QUEUE_WAIT,
  heartbeatTimeout: LONG_STEP_HEARTBEAT,
  retry: STEP_RETRY,
};

/** Step 5, stale cleanup: 5 min (parity). */
export const STALE_CLEANUP_OPTIONS: ActivityOptions = { startToCloseTimeout: '5m', retry: STEP_RETRY };

/** `finally`, work-dir cleanup: 2 min, 2 attempts (parity). */
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
