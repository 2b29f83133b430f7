import type { CleanupStaleInput, CleanupStaleResult } from '../shared/indexing-steps.js';
import type { ActivityDeps } from './activity-deps.js';
import { runStep } from './run-step.js';

/**
 * Stale cleanup (parity §2.6): deletes the repository's graph elements no run has touched for `ttl_days`. With
 * sweep-after-write it only catches leftovers of runs that died before their sweep (C21).
 */
export function createCleanupStaleGraphNodes(deps: ActivityDeps) {
  return async function cleanupStaleGraphNodes(input: CleanupStaleInput): Promise<CleanupStaleResult> {
    const ttlDays = input.ttl_days ?? deps.config.work.staleTtlDays;
    return runStep(
      deps.db,
      input.event_context,
      {
        name: 'cleanupStaleGraphNodes',
        startedMessage: 'cleaning stale nodes',
        completed: (r) => ({ nodes_deleted: r.nodes_deleted, ttl_days: ttlDays }),
        classify: deps.graph.classifyError,
      },
      async () => ({ nodes_deleted: await deps.graph.cleanupStaleNodes({ repoId: input.repo_id, ttlDays }) }),
    );
  };
}
