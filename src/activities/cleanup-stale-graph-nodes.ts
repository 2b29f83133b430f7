import { classifyPostgresError } from '../db/classify-postgres-error.js';
import { pruneParseCache } from '../db/repositories/parse-cache.repository.js';
import { listLiveBranches } from '../db/repositories/repository-branches.repository.js';
import type { CleanupStaleInput, CleanupStaleResult } from '../shared/indexing-steps.js';
import type { ActivityDeps } from './activity-deps.js';
import { runStep } from './run-step.js';

const DAY_MS = 86_400_000;

/**
 * Stale cleanup (the original's TTL step): deletes the repository's graph elements that no run has confirmed for
 * `ttl_days`. A run confirms its whole branch when it completes, so the graphs of branches indexed within the TTL
 * are never touched, however long ago their elements last changed. Also prunes the parse cache of entries no run
 * has used for `PARSE_CACHE_TTL_DAYS` (every lookup marks what it found as used).
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
        completed: (r) => ({ nodes_deleted: r.nodes_deleted, ttl_days: ttlDays, parse_cache_pruned: r.parse_cache_pruned }),
        classify: deps.graph.classifyError,
      },
      async () => {
        const since = new Date(Date.now() - ttlDays * DAY_MS);
        const liveBranches = await listLiveBranches(deps.db, input.repo_id, since).catch((error: unknown) => {
          throw classifyPostgresError(error);
        });
        const deleted = await deps.graph.cleanupStaleNodes({ repoId: input.repo_id, ttlDays, liveBranches });
        const pruned = await pruneParseCache(deps.db, deps.config.work.parseCacheTtlDays).catch((error: unknown) => {
          throw classifyPostgresError(error);
        });
        return { nodes_deleted: deleted, parse_cache_pruned: pruned };
      },
    );
  };
}
