import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { createGraphDriver } from '../../../src/graph/create-graph-driver.js';
import { ensureGraphSchema } from '../../../src/graph/ensure-graph-schema.js';
import { readConfig } from '../../../src/config/read-config.js';
import { startPrivateService, type PrivateService } from '../faults/private-service.js';
import { uniqueRepoId } from './graph-test-env.js';

// A graph written by the first release (constraint on repo_id and node_id, no branch anywhere) is brought to the
// branch key: its elements get the repository's default branch and the constraint its new key. The test drops and
// recreates a database-wide constraint, so it runs on a private Neo4j: on the shared one, another repository's
// graph of two branches would make the old constraint impossible, and other tests' writes would meet it.
describe('graph schema migration from the first release (real Neo4j)', () => {
  let driver: Driver;
  let neo4j: PrivateService;
  let database: string;
  const repoId = uniqueRepoId('legacy');

  beforeAll(async () => {
    neo4j = await startPrivateService('neo4j');
    const config = readConfig({ ...process.env, ...neo4j.env }).neo4j;
    database = config.database;
    driver = createGraphDriver(config);
    await driver.executeQuery('DROP CONSTRAINT kg_node_unique IF EXISTS', {}, { database });
    await driver.executeQuery(
      'CREATE CONSTRAINT kg_node_unique FOR (n:KGNode) REQUIRE (n.repo_id, n.node_id) IS UNIQUE',
      {},
      { database },
    );
    await driver.executeQuery(
      `CREATE (a:KGNode:FileNode {repo_id: $repoId, node_id: 'old-a', relative_path: 'a.py'})
       CREATE (b:KGNode:SymbolNode {repo_id: $repoId, node_id: 'old-b', relative_path: 'a.py'})
       CREATE (c:KGNode:FileNode {repo_id: $repoId, node_id: 'old-c', relative_path: 'lonely.py'})
       CREATE (a)-[:HAS_SYMBOL {repo_id: $repoId}]->(b)`,
      { repoId },
      { database },
    );
  });
  afterAll(async () => {
    await driver?.close();
    await neo4j?.close();
  });

  it('tags every element with its default branch and replaces the constraint', async () => {
    await ensureGraphSchema(driver, database, async () => new Map([[repoId, 'trunk']]));
    const { records } = await driver.executeQuery(
      'MATCH (n:KGNode {repo_id: $repoId}) OPTIONAL MATCH (n)-[r]->() RETURN n.node_id AS id, n.branch AS branch, r.branch AS rel ORDER BY id',
      { repoId },
      { database },
    );
    expect(records.map((r) => [r.get('id'), r.get('branch'), r.get('rel')])).toEqual([
      ['old-a', 'trunk', 'trunk'],
      ['old-b', 'trunk', null],
      ['old-c', 'trunk', null],
    ]);
    const constraint = await driver.executeQuery(
      "SHOW CONSTRAINTS YIELD name, properties WHERE name = 'kg_node_unique' RETURN properties",
      {},
      { database },
    );
    expect(constraint.records[0]?.get('properties')).toEqual(['repo_id', 'branch', 'node_id']);
    // Two branches may now hold the same node id.
    await driver.executeQuery(
      "CREATE (:KGNode:FileNode {repo_id: $repoId, branch: 'other', node_id: 'old-a', relative_path: 'a.py'})",
      { repoId },
      { database },
    );
  });
});
