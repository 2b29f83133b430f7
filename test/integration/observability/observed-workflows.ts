import { ApplicationFailure, log, proxyActivities } from '@temporalio/workflow';
import type { ObservedActivities } from './observed-activities.js';

const { flaky, parseRepo } = proxyActivities<ObservedActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '50 milliseconds', backoffCoefficient: 1, maximumAttempts: 3 },
});

/** Calls an activity that fails once, then a parse stand-in; logs through the replay-safe workflow logger. */
export async function ObservedSuccessWorkflow(): Promise<{ status: string }> {
  log.info('observed workflow running', { step: 'start' });
  await flaky();
  await parseRepo();
  return { status: 'success' };
}

/** Fails the run with a typed, non-retryable failure. */
export async function ObservedFailureWorkflow(): Promise<void> {
  throw ApplicationFailure.nonRetryable('the observed workflow failed on purpose', 'TestBoom');
}
