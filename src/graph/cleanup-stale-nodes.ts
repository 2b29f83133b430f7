import type { Driver } from 'neo4j-driver';
import { deleteInBatches } from './delete-in-batches.js';

/** Input of {@link cleanupStaleNodes}. */
export interface CleanupStaleNodesInput {
  repoId: string;
  /** Nodes not indexed for this many days are deleted (parity default 7, `config.work.staleTtlDays`). */
  ttlDays: number;
  database: string;
}

const STALE = `MATCH (n:KGNode {repo_id: $repoId})
WHERE n.last_indexed_at < datetime() - duration({days: $ttlDays})
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted`;

/**
 * The original's TTL cleanup (parity §6.4), kept as its own step: detach-deletes this repository's nodes whose
 * `last_indexed_at` is older than `ttlDays`, in batches, and returns how many. With mark-and-sweep it only catches
 * leftovers of runs that died before their sweep (C21).
 */
export async function cleanupStaleNodes(driver: Driver, input: CleanupStaleNodesInput): Promise<number> {
  return deleteInBatches(driver, input.database, STALE, { repoId: input.repoId, ttlDays: input.ttlDays });
}
