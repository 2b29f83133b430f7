import {
  ContinueAsNew,
  TemporalFailure,
  isCancellation,
  proxySinks,
  type WorkflowInterceptorsFactory,
} from '@temporalio/workflow';
import type { WorkflowMetricsSinks } from './workflow-metrics-sinks.js';

// This module runs inside the workflow sandbox (the worker's `interceptors.workflowModules`): it may import only
// @temporalio/workflow and types.
const { repographMetrics } = proxySinks<WorkflowMetricsSinks>();

function statusOf(result: unknown): string {
  const status = (result as { status?: unknown } | null)?.status;
  return typeof status === 'string' ? status : 'ok';
}

function failureTypeOf(error: TemporalFailure): string {
  const type = (error as { type?: unknown }).type;
  return typeof type === 'string' && type !== '' ? type : error.name;
}

/**
 * Reports each workflow run's start and end to the `repographMetrics` sink. A plain `Error` escaping the workflow
 * fails only the workflow task (Temporal retries it), so it is not an outcome and is not reported.
 */
export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [
    {
      async execute(input, next) {
        repographMetrics.started();
        try {
          const result = await next(input);
          repographMetrics.finished('completed', statusOf(result));
          return result;
        } catch (error) {
          if (error instanceof ContinueAsNew) repographMetrics.finished('continued_as_new', 'continued_as_new');
          else if (isCancellation(error)) repographMetrics.finished('cancelled', 'cancelled');
          else if (error instanceof TemporalFailure) repographMetrics.finished('failed', failureTypeOf(error));
          throw error;
        }
      },
    },
  ],
});
