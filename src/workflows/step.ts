import { ApplicationFailure, isCancellation } from '@temporalio/workflow';
import type { IndexingProgress } from '../shared/repo-indexing.js';

function rootMessage(error: unknown): string {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}

/**
 * Runs `body` as step `name`: records its wall time and the current step for the progress query, and fails
 * the run with a message naming the step (the original blamed the clone for every failure).
 */
export async function step<T>(progress: IndexingProgress, name: string, body: () => Promise<T>): Promise<T> {
  progress.step = name;
  const started = Date.now();
  try {
    return await body();
  } catch (error) {
    if (isCancellation(error)) throw error;
    throw ApplicationFailure.create({
      type: 'StepFailed',
      message: `Step ${name} failed: ${rootMessage(error)}`,
      nonRetryable: true,
      cause: error instanceof Error ? error : undefined,
    });
  } finally {
    progress.step_millis[name] = Date.now() - started;
  }
}
