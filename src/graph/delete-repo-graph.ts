import type { Driver } from 'neo4j-driver';
import { deleteInBatches } from './delete-in-batches.js';

const REPO_NODES = `MATCH (n:KGNode {repo_id: $repoId})
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted`;

/** Deletes every node (and so every relationship) of one repository in batches, for repository removal. */
export async function deleteRepoGraph(driver: Driver, input: { repoId: string; database: string }): Promise<number> {
  return deleteInBatches(driver, input.database, REPO_NODES, { repoId: input.repoId });
}
