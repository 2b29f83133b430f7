import type { InjectedSinks } from '@temporalio/worker';
import type { Sinks, WorkflowInfo } from '@temporalio/workflow';
import type { RepographMetrics } from './repograph-metrics.js';

/** How a workflow run ended, as the workflow interceptor reports it. */
export type WorkflowRunResult = 'completed' | 'failed' | 'cancelled' | 'continued_as_new';

/**
 * The sink the workflow interceptor calls (workflow side: `proxySinks<WorkflowMetricsSinks>()`). Sink calls leave
 * the sandbox only when the workflow is not replaying, so a run is counted once however often it is replayed.
 */
export interface WorkflowMetricsSinks extends Sinks {
  repographMetrics: {
    /** The run started (its first workflow task ran). */
    started(): void;
    /** The run ended; `detail` is the result status (`success`, `skipped`, …) or the failure type. */
    finished(result: WorkflowRunResult, detail: string): void;
  };
}

const KNOWN_AGGREGATES: Readonly<Record<string, string>> = {
  RepoIndexingWorkflow: 'repo_indexing',
  InstallationIndexingWorkflow: 'installation_indexing',
};

/** The `<aggregate>` of `workflow_<aggregate>_<flow>` domain events: `RepoIndexingWorkflow` → `repo_indexing`. */
export function domainAggregate(workflowType: string): string {
  const known = KNOWN_AGGREGATES[workflowType];
  if (known != null) return known;
  const stem = workflowType.replace(/Workflow$/, '') || workflowType;
  return stem
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toLowerCase();
}

/** Keeps a label value short and printable (failure types and statuses come from code, but stay bounded). */
function boundedLabel(value: string): string {
  const cleaned = value.replace(/[^A-Za-z0-9_.:-]/g, '_').slice(0, 64);
  return cleaned === '' ? 'unknown' : cleaned;
}

/**
 * The host side of {@link WorkflowMetricsSinks}: `domain_events_total` for started/completed/failed and
 * `workflow_run_duration_seconds` measured from the run's start time (server clock) to now.
 */
export function createWorkflowMetricsSinks(
  metrics: Pick<RepographMetrics, 'domainEvents' | 'workflowRunDuration'>,
  now: () => number = Date.now,
): InjectedSinks<WorkflowMetricsSinks> {
  const event = (info: WorkflowInfo, flow: string): string => `workflow_${domainAggregate(info.workflowType)}_${flow}`;
  return {
    repographMetrics: {
      started: {
        fn(info) {
          metrics.domainEvents.inc({ event: event(info, 'started'), result: 'ok' });
        },
      },
      finished: {
        fn(info, result, detail) {
          const seconds = Math.max(0, (now() - info.runStartTime.getTime()) / 1000);
          metrics.workflowRunDuration.observe({ workflow: info.workflowType, result }, seconds);
          const flow = result === 'failed' || result === 'cancelled' ? 'failed' : 'completed';
          metrics.domainEvents.inc({ event: event(info, flow), result: boundedLabel(detail) });
        },
      },
    },
  };
}
