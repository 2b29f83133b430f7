import type { Driver } from 'neo4j-driver';

/** What a repository's graph looks like, independent of run ids and timestamps. */
export interface GraphSnapshot {
  nodeIds: string[];
  files: string[];
  symbols: string[];
  relationships: string[];
}

/** Reads a branch's nodes and relationships from Neo4j, sorted, for comparisons between runs. */
export async function readGraphSnapshot(
  driver: Driver,
  database: string,
  repoId: string,
  branch = 'main',
): Promise<GraphSnapshot> {
  const session = driver.session({ database });
  try {
    const nodes = await session.run(
      'MATCH (n:KGNode {repo_id: $repoId, branch: $branch}) RETURN n.node_id AS id, labels(n) AS labels, n.relative_path AS path, n.name AS name',
      { repoId, branch },
    );
    const rels = await session.run(
      'MATCH (a:KGNode {repo_id: $repoId, branch: $branch})-[r]->(b:KGNode) RETURN a.node_id + " " + type(r) + " " + b.node_id AS rel',
      { repoId, branch },
    );
    const rows = nodes.records.map((r) => ({
      id: r.get('id') as string,
      labels: r.get('labels') as string[],
      path: r.get('path') as string | null,
      name: r.get('name') as string | null,
    }));
    return {
      nodeIds: rows.map((r) => r.id).sort(),
      files: rows
        .filter((r) => r.labels.includes('FileNode') && r.path != null)
        .map((r) => r.path!)
        .sort(),
      symbols: rows
        .filter((r) => r.labels.includes('SymbolNode'))
        .map((r) => r.name ?? '')
        .sort(),
      relationships: rels.records.map((r) => r.get('rel') as string).sort(),
    };
  } finally {
    await session.close();
  }
}

/** Deletes every node of the repositories a test created (and only those). */
export async function deleteTestGraph(driver: Driver, database: string, repoIds: string[]): Promise<void> {
  const session = driver.session({ database });
  try {
    await session.run('MATCH (n:KGNode) WHERE n.repo_id IN $repoIds DETACH DELETE n', { repoIds });
  } finally {
    await session.close();
  }
}
