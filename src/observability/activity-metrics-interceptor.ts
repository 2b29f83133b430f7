import type { Context } from '@temporalio/activity';
import type { ActivityInterceptors } from '@temporalio/worker';
import type { RepographMetrics } from './repograph-metrics.js';

type Counts = Record<string, unknown>;

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}

// Activity results that carry parse and graph counts (src/shared/indexing-steps.ts: ParseResult, PersistGraphResult).
const RESULT_COUNTERS: Readonly<Record<string, (metrics: RepographMetrics, result: Counts) => void>> = {
  parseRepo(metrics, result) {
    const stats = (result.stats ?? {}) as Counts;
    metrics.parseFiles.inc({ outcome: 'indexed' }, num(stats.indexed_files));
    metrics.parseFiles.inc({ outcome: 'skipped' }, num(stats.skipped_files));
    metrics.parseFiles.inc({ outcome: 'failed' }, num(stats.failed_files));
    metrics.parseSymbols.inc({}, num(stats.total_symbols));
    metrics.parseTextChunks.inc({}, num(stats.total_text_chunks));
  },
  persistKnowledgeGraph(metrics, result) {
    metrics.graphNodesWritten.inc({}, num(result.nodes));
    metrics.graphRelationshipsWritten.inc({}, num(result.relationships));
    metrics.graphNodesSwept.inc({}, num(result.nodes_swept));
  },
};

/**
 * An activity interceptor factory: counts attempts after the first in `workflow_retries_total`, times every attempt
 * in `activity_duration_seconds`, and feeds the parse and graph counters from the results of `parseRepo` and
 * `persistKnowledgeGraph`. Activities run once per attempt (never on replay), so the counts are exact.
 */
export function createActivityMetricsInterceptor(metrics: RepographMetrics): (ctx: Context) => ActivityInterceptors {
  return (ctx) => ({
    inbound: {
      async execute(input, next) {
        const { activityType, workflowType, attempt } = ctx.info;
        const workflow = workflowType ?? 'none';
        if (attempt > 1) metrics.workflowRetries.inc({ workflow, activity: activityType });
        const started = performance.now();
        const observe = (result: string): void =>
          metrics.activityDuration.observe(
            { workflow, activity: activityType, result },
            (performance.now() - started) / 1000,
          );
        try {
          const output = await next(input);
          observe('ok');
          if (output != null && typeof output === 'object') RESULT_COUNTERS[activityType]?.(metrics, output as Counts);
          return output;
        } catch (error) {
          observe('failed');
          throw error;
        }
      },
    },
  });
}
