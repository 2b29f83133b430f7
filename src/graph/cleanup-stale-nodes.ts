import type { Driver } from 'neo4j-driver';
import { deleteInBatches } from './delete-in-batches.js';

/** Input of {@link cleanupStaleNodes}. */
export interface CleanupStaleNodesInput {
  repoId: string;
  /** Elements no run has confirmed for this many days are deleted (default 7, `config.work.staleTtlDays`). */
  ttlDays: number;
  /**
   * Branches of the repository that a run confirmed within the TTL. Their elements are current however old their
   * `last_indexed_at` (a run rewrites only what changed), so they are never stale.
   */
  liveBranches: readonly string[];
  database: string;
}

const STALE = `MATCH (n:KGNode {repo_id: $repoId})
WHERE n.last_indexed_at < datetime() - duration({days: $ttlDays}) AND NOT coalesce(n.branch, '') IN $liveBranches
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted`;

/**
 * The original's TTL cleanup, kept as its own step: detach-deletes this repository's nodes that no run has
 * confirmed for `ttlDays`, in batches, and returns how many. A node is confirmed when a run writes it or when a
 * run of its branch completes (the branch is then in `liveBranches`), so what it removes are the graphs of
 * branches nobody indexes any more and leftovers of runs that died half-way.
 */
export async function cleanupStaleNodes(driver: Driver, input: CleanupStaleNodesInput): Promise<number> {
  return deleteInBatches(driver, input.database, STALE, {
    repoId: input.repoId,
    ttlDays: input.ttlDays,
    liveBranches: [...input.liveBranches],
  });
}
