import { DEFAULT_DURATION_BUCKETS } from './histogram.js';
import type { MetricsRegistry } from './metrics-registry.js';

/** Every metric family repograph exports; one registry per process (worker or server). */
export function createRepographMetrics(registry: MetricsRegistry) {
  return {
    workflowRunDuration: registry.histogram(
      'workflow_run_duration_seconds',
      'Wall time of a workflow run from its start to its completion, by workflow type and result (completed, failed, cancelled, terminated_timeout, continued_as_new).',
      ['workflow', 'result'],
      DEFAULT_DURATION_BUCKETS,
    ),
    workflowRetries: registry.counter(
      'workflow_retries_total',
      'Activity attempts after the first one (Temporal retries), by workflow type and activity type.',
      ['workflow', 'activity'],
    ),
    domainEvents: registry.counter(
      'domain_events_total',
      'Workflow domain events workflow_<aggregate>_<started|completed|failed>; result is ok for started, the run status for completed and the failure type for failed.',
      ['event', 'result'],
    ),
    activityDuration: registry.histogram(
      'activity_duration_seconds',
      'Wall time of one activity attempt, by workflow type, activity type and result (ok or failed).',
      ['workflow', 'activity', 'result'],
      DEFAULT_DURATION_BUCKETS,
    ),
    parseFiles: registry.counter(
      'parse_files_total',
      'Files seen by the parse step, by outcome (indexed, skipped, failed).',
      ['outcome'],
    ),
    parseSymbols: registry.counter('parse_symbols_total', 'Symbols extracted by the parse step.'),
    parseTextChunks: registry.counter('parse_text_chunks_total', 'Text chunks produced by the parse step.'),
    graphNodesWritten: registry.counter('graph_nodes_written_total', 'Nodes written (merged) into Neo4j.'),
    graphRelationshipsWritten: registry.counter(
      'graph_relationships_written_total',
      'Relationships written (merged) into Neo4j.',
    ),
    graphNodesSwept: registry.counter(
      'graph_nodes_swept_total',
      'Nodes removed after a write because the run no longer produced them.',
    ),
    httpRequests: registry.counter('http_requests_total', 'HTTP requests answered, by method, route and status code.', [
      'method',
      'route',
      'status',
    ]),
  };
}

/** The metric handles of {@link createRepographMetrics}. */
export type RepographMetrics = ReturnType<typeof createRepographMetrics>;
