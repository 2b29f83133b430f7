import type { Driver } from 'neo4j-driver';
import { deleteInBatches } from './delete-in-batches.js';

const REPO_NODES = `MATCH (n:KGNode {repo_id: $repoId})
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted`;

const BRANCH_NODES = `MATCH (n:KGNode {repo_id: $repoId, branch: $branch})
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted`;

/**
 * Deletes the graph of one branch of a repository, or of every branch (`branch` null, also elements written before
 * graphs had branches), in batches; returns the nodes deleted (their relationships go with them).
 */
export async function deleteRepoGraph(
  driver: Driver,
  input: { repoId: string; branch: string | null; database: string },
): Promise<number> {
  if (input.branch == null) return deleteInBatches(driver, input.database, REPO_NODES, { repoId: input.repoId });
  return deleteInBatches(driver, input.database, BRANCH_NODES, { repoId: input.repoId, branch: input.branch });
}
