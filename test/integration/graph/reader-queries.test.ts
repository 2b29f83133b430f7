import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/config/read-config.js';
import { createGraphDriver } from '../../../src/graph/create-graph-driver.js';
import { deleteRepoGraph } from '../../../src/graph/delete-repo-graph.js';
import { ensureGraphSchema } from '../../../src/graph/ensure-graph-schema.js';
import { writeBranchGraph } from '../../helpers/write-branch-graph.js';
import type { ParseRecord } from '../../../src/parsers/parse-record.js';
import { readParseRecords } from '../../../src/parsers/read-parse-records.js';
import { parseRepository } from '../../../src/parsers/parse-repository.js';
import { neo4jConfig, uniqueRepoId } from './graph-test-env.js';

const database = neo4jConfig.database;
const ROOT = fileURLToPath(new URL('../../fixtures/graph/repos/python-app', import.meta.url));

// The queries the original's PR-review readers run must keep working on what the rewrite writes.
describe("the original's reader queries on a parsed, built and written repository", () => {
  let driver: Driver;
  let scratch: string;
  const repoId = uniqueRepoId('readers');

  async function query(cypher: string, params: Record<string, unknown>): Promise<Record<string, unknown>[]> {
    const { records } = await driver.executeQuery(cypher, { repoId, ...params }, { database });
    return records.map((r) => r.toObject());
  }

  beforeAll(async () => {
    driver = createGraphDriver(neo4jConfig);
    await ensureGraphSchema(driver, database);
    scratch = await mkdtemp(path.join(tmpdir(), 'graph-readers-'));
    const parsedPath = path.join(scratch, 'parsed.ndjson');
    await parseRepository({ root: ROOT, outputPath: parsedPath, config: { ...readConfig({}).parser, threads: 1 } });
    await writeBranchGraph(
      driver,
      { database, runId: 'run-1', batchSize: 100, concurrency: 2, spillDir: scratch },
      {
        records: () => readParseRecords(parsedPath) as AsyncIterable<ParseRecord>,
        repoRoot: ROOT,
        ctx: { repoId, branch: 'main', commitSha: 'c0ffee', githubRepoId: 7 },
      },
    );
  });

  afterAll(async () => {
    await deleteRepoGraph(driver, { repoId, branch: null, database });
    await driver.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('finds a symbol by path and qualified name and its CALLS and CONTAINS_SYMBOL neighbours', async () => {
    const [checkout] = await query(
      `MATCH (s:KGNode:SymbolNode {repo_id: $repoId, relative_path: $path, qualified_name: $qname})
       RETURN properties(s) AS props`,
      { path: 'src/shop/cart.py', qname: 'Cart.checkout' },
    );
    const props = checkout?.props as Record<string, unknown>;
    expect(props).toMatchObject({ kind: 'method', name: 'checkout', language: 'python', commit_sha: 'c0ffee' });
    expect(props.github_repo_id).toBe(7);
    const callees = await query(
      `MATCH (s:KGNode {repo_id: $repoId, node_id: $id})-[:CALLS]->(t) RETURN t.qualified_name AS name ORDER BY name`,
      { id: props.node_id },
    );
    expect(callees.map((c) => c.name)).toEqual(['Cart.total', 'Gateway', 'Gateway.charge', 'summarize']);
    const children = await query(
      `MATCH (c:KGNode:SymbolNode {repo_id: $repoId, qualified_name: 'Cart'})-[:CONTAINS_SYMBOL]->(m)
       RETURN m.name AS name ORDER BY name`,
      {},
    );
    expect(children.map((c) => c.name)).toEqual(['__init__', 'add', 'checkout', 'total']);
  });

  it('finds IMPORTS neighbours of a file and text chunks by path prefix', async () => {
    const imports = await query(
      `MATCH (f:KGNode:FileNode {repo_id: $repoId, relative_path: $path})-[:IMPORTS]->(t)
       RETURN t.relative_path AS path ORDER BY path`,
      { path: 'src/shop/cart.py' },
    );
    expect(imports.map((i) => i.path)).toEqual(['src/shop/payments/gateway.py', 'src/shop/pricing.py']);
    const chunks = await query(
      `MATCH (t:KGNode:TextNode {repo_id: $repoId}) WHERE t.relative_path STARTS WITH $prefix RETURN t.text AS text`,
      { prefix: 'README' },
    );
    expect(chunks).toHaveLength(1);
    expect(String(chunks[0]?.text)).toContain('graph fixture');
  });
});
