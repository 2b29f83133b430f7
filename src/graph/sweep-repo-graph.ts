import type { Driver } from 'neo4j-driver';
import { deleteInBatches } from './delete-in-batches.js';
import { fileNodeId } from '../identity/graph-ids.js';
import { withGraphSession } from './with-graph-session.js';

/** Input of {@link sweepRepoGraph}. */
export interface SweepRepoGraphInput {
  repoId: string;
  branch: string;
  /** The run whose `writeGraph` just completed. */
  runId: string;
  database: string;
}

/** What the sweep removed. */
export interface SweepResult {
  nodes: number;
  relationships: number;
}

const RELATIONSHIPS = `MATCH (:KGNode {repo_id: $repoId, branch: $branch})-[r]->()
WHERE r.repo_id = $repoId AND (r.index_run_id IS NULL OR r.index_run_id <> $runId)
  AND (r.last_indexed_at IS NULL OR r.last_indexed_at < $cutoff)
WITH r LIMIT $limit
DELETE r
RETURN count(*) AS deleted`;

const NODES = `MATCH (n:KGNode {repo_id: $repoId, branch: $branch})
WHERE (n.index_run_id IS NULL OR n.index_run_id <> $runId)
  AND (n.last_indexed_at IS NULL OR n.last_indexed_at < $cutoff)
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted`;

/**
 * Mark-and-sweep after `writeGraph`, so readers never see an empty graph: deletes this branch's relationships, then nodes, that the run did
 * not stamp, in bounded batches. The cutoff is the run's write time, read from the repository's root FileNode, which
 * every run writes: if a newer run has restamped the root since, this sweep deletes nothing and leaves the sweep to
 * that run. Elements stamped after the cutoff are always kept. Never touches another repository or branch.
 */
export async function sweepRepoGraph(driver: Driver, input: SweepRepoGraphInput): Promise<SweepResult> {
  const cutoff = await withGraphSession(driver, input.database, async (session) => {
    const result = await session.executeRead((tx) =>
      tx.run(
        `MATCH (n:KGNode {repo_id: $repoId, branch: $branch, node_id: $rootId}) WHERE n.index_run_id = $runId
         RETURN n.last_indexed_at AS cutoff`,
        { repoId: input.repoId, branch: input.branch, runId: input.runId, rootId: fileNodeId('.') },
      ),
    );
    return result.records[0]?.get('cutoff') ?? null;
  });
  if (cutoff == null) return { nodes: 0, relationships: 0 };
  const params = { repoId: input.repoId, branch: input.branch, runId: input.runId, cutoff };
  const relationships = await deleteInBatches(driver, input.database, RELATIONSHIPS, params);
  const nodes = await deleteInBatches(driver, input.database, NODES, params);
  return { nodes, relationships };
}
