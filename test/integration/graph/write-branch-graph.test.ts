import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupStaleNodes } from '../../../src/graph/cleanup-stale-nodes.js';
import { createGraphDriver } from '../../../src/graph/create-graph-driver.js';
import { deleteRepoGraph } from '../../../src/graph/delete-repo-graph.js';
import { ensureGraphSchema } from '../../../src/graph/ensure-graph-schema.js';
import { writeBranchGraph } from '../../helpers/write-branch-graph.js';
import type { ParseRecord } from '../../../src/parsers/parse-record.js';
import { readParseRecords } from '../../../src/parsers/read-parse-records.js';
import { buildFixture, removeFixture, type BuiltFixture, type FileSpec } from '../../unit/graph/graph-fixture.js';
import { CuttingProxy, neo4jConfig, pythonRepo, snapshotRepo, uniqueRepoId } from './graph-test-env.js';

const database = neo4jConfig.database;

describe('a full branch update (compare, then write only the difference) against the real Neo4j', () => {
  let driver: Driver;
  const repos: string[] = [];
  const fixtures: BuiltFixture[] = [];

  async function build(files: Record<string, FileSpec>, repoId: string): Promise<BuiltFixture> {
    const built = await buildFixture(files, {}, repoId);
    fixtures.push(built);
    if (!repos.includes(repoId)) repos.push(repoId);
    return built;
  }

  async function index(built: BuiltFixture, repoId: string, runId: string, d: Driver = driver, batchSize = 50) {
    const parsedPath = path.join(built.dir, 'parsed.ndjson');
    return writeBranchGraph(
      d,
      { database, runId, batchSize, concurrency: 2, spillDir: built.dir },
      {
        records: () => readParseRecords(parsedPath) as AsyncIterable<ParseRecord>,
        repoRoot: path.join(built.dir, 'checkout'),
        ctx: { repoId, branch: 'main', commitSha: `commit-${runId}`, githubRepoId: 42 },
      },
    );
  }

  function totals(built: BuiltFixture): { nodes: number; rels: number } {
    const sum = (o: Record<string, number>): number => Object.values(o).reduce((a, b) => a + b, 0);
    return { nodes: sum(built.summary.nodes), rels: sum(built.summary.relationships) };
  }

  beforeAll(async () => {
    driver = createGraphDriver(neo4jConfig);
    await ensureGraphSchema(driver, database);
    await ensureGraphSchema(driver, database);
  });

  afterAll(async () => {
    for (const repoId of repos) await deleteRepoGraph(driver, { repoId, branch: null, database });
    for (const built of fixtures) await removeFixture(built);
    await driver.close();
  });

  it('writes a graph once; the same graph again at another commit writes only the root directory', async () => {
    const repoId = uniqueRepoId('same');
    const built = await build(pythonRepo(6), repoId);
    const first = await index(built, repoId, 'run-1');
    const snapshot1 = await snapshotRepo(driver, repoId);
    const second = await index(built, repoId, 'run-2');
    const snapshot2 = await snapshotRepo(driver, repoId);
    expect(snapshot1.nodes).toHaveLength(totals(built).nodes);
    expect(snapshot1.rels).toHaveLength(totals(built).rels);
    expect(first.written).toBe(totals(built).nodes + totals(built).rels);
    expect(first.deleted).toBe(0);
    const notRoot = (lines: string[]) => lines.filter((l) => !l.includes('["relative_path","."]'));
    expect(notRoot(snapshot2.nodes)).toEqual(notRoot(snapshot1.nodes));
    expect(notRoot(snapshot2.nodes)).toHaveLength(snapshot1.nodes.length - 1);
    expect(snapshot2.rels).toEqual(snapshot1.rels);
    // The root FileNode says which commit the graph is at; nothing else changed.
    expect(second).toMatchObject({ written: 1, deleted: 0 });
    expect(built.summary.relationships.CALLS).toBeGreaterThan(0);
  });

  it('writes every property the builder made, on a new graph and through the update path', async () => {
    const repoId = uniqueRepoId('all-props');
    const built = await build(pythonRepo(4), repoId);
    const expected = (): string[] => {
      const lines: string[] = [];
      for (const [label, rows] of built.nodes) {
        for (const row of rows) {
          const props = Object.entries({ ...row.props, node_id: row.node_id }).filter(
            ([k, v]) => v != null && k !== 'symbol_version_id',
          );
          lines.push(`${label} ${JSON.stringify(props.sort(([a], [b]) => a.localeCompare(b)))}`);
        }
      }
      for (const [type, rows] of built.rels) {
        for (const row of rows) {
          const props = Object.entries({ ...row.props, commit_sha: 'commit-run-1', repo_id: repoId });
          lines.push(`${type} ${row.source}->${row.target} ${JSON.stringify(props.sort(([a], [b]) => a.localeCompare(b)))}`);
        }
      }
      return lines.sort();
    };
    const stored = async (): Promise<string[]> => {
      // The writer's stamps, and the symbol version, which hashes the commit the builder was given.
      const drop = new Set(['repo_id', 'branch', 'element_hash', 'index_run_id', 'last_indexed_at', 'symbol_version_id']);
      const { records: nodes } = await driver.executeQuery(
        'MATCH (n:KGNode {repo_id: $repoId}) RETURN [l IN labels(n) WHERE l <> "KGNode"][0] AS label, properties(n) AS p',
        { repoId },
        { database },
      );
      const { records: rels } = await driver.executeQuery(
        'MATCH (a:KGNode {repo_id: $repoId})-[r]->(b) RETURN type(r) AS type, a.node_id AS s, b.node_id AS t, properties(r) AS p',
        { repoId },
        { database },
      );
      const sorted = (p: Record<string, unknown>, keep: (k: string) => boolean) =>
        JSON.stringify(Object.entries(p).filter(([k]) => keep(k)).sort(([a], [b]) => a.localeCompare(b)));
      return [
        ...nodes.map((r) => `${r.get('label')} ${sorted(r.get('p'), (k) => !drop.has(k))}`),
        ...rels.map((r) => `${r.get('type')} ${r.get('s')}->${r.get('t')} ${sorted(r.get('p'), () => true)}`),
      ].sort();
    };
    // The builder stamps its own commit; the writer stamps the run's, so the builder's rows are compared as if at it.
    const atRunCommit = (lines: string[]) => lines.map((l) => l.replaceAll('"abc123"', '"commit-run-1"'));
    await index(built, repoId, 'run-1');
    expect(await stored()).toEqual(atRunCommit(expected()));
    await driver.executeQuery('MATCH (n:KGNode {repo_id: $repoId}) REMOVE n.element_hash', { repoId }, { database });
    const rewritten = await index(built, repoId, 'run-1');
    expect(rewritten.written).toBe(totals(built).nodes);
    expect(await stored()).toEqual(atRunCommit(expected()));
  });

  it("removes a property an element no longer has, and keeps a file's own content_hash", async () => {
    const repoId = uniqueRepoId('props');
    await index(await build(pythonRepo(3), repoId), repoId, 'run-1');
    await driver.executeQuery(
      `MATCH (n:KGNode:FileNode {repo_id: $repoId, relative_path: 'pkg/m1.py'}) SET n.leftover = 1, n.element_hash = 'x'`,
      { repoId },
      { database },
    );
    await index(await build(pythonRepo(3), repoId), repoId, 'run-2');
    const { records } = await driver.executeQuery(
      `MATCH (n:KGNode:FileNode {repo_id: $repoId, relative_path: 'pkg/m1.py'}) RETURN properties(n) AS p`,
      { repoId },
      { database },
    );
    const props = records[0]?.get('p') as Record<string, unknown>;
    expect(props.leftover).toBeUndefined();
    expect(props.content_hash).toBe('hash');
    expect(props.element_hash).toMatch(/^[0-9a-f]{40}$/);
  });

  it('deletes a removed file with its symbols and the references into them, and keeps everything else', async () => {
    const repoId = uniqueRepoId('removed');
    const v1 = await build(pythonRepo(5), repoId);
    const v2 = await build(pythonRepo(5, ['pkg/m4.py']), repoId);
    await index(v1, repoId, 'run-1');
    const result = await index(v2, repoId, 'run-2');
    const after = await snapshotRepo(driver, repoId);
    expect(after.nodes).toHaveLength(totals(v2).nodes);
    expect(after.rels).toHaveLength(totals(v2).rels);
    expect(after.nodes.some((n) => n.includes('pkg/m4.py'))).toBe(false);
    const removedElements = totals(v1).nodes + totals(v1).rels - (totals(v2).nodes + totals(v2).rels);
    expect(result.deleted).toBeGreaterThanOrEqual(removedElements);
    expect(result.written).toBeLessThan(totals(v2).nodes);
  });

  it('never touches another repository', async () => {
    const a = uniqueRepoId('a');
    const b = uniqueRepoId('b');
    const full = pythonRepo(4);
    await index(await build(full, a), a, 'run-a1');
    await index(await build(full, b), b, 'run-b1');
    const before = await snapshotRepo(driver, b);
    await index(await build(pythonRepo(4, ['pkg/m3.py', 'pkg/m2.py']), a), a, 'run-a2');
    expect(await cleanupStaleNodes(driver, { repoId: a, ttlDays: 0, liveBranches: [], database })).toBeGreaterThan(0);
    expect(await snapshotRepo(driver, b)).toEqual(before);
    await index(await build(full, a), a, 'run-a3');
    expect(await deleteRepoGraph(driver, { repoId: a, branch: null, database })).toBeGreaterThan(0);
    expect((await snapshotRepo(driver, a)).nodes).toEqual([]);
    expect(await snapshotRepo(driver, b)).toEqual(before);
  });

  it('retries a batch cut by a dropped connection without duplicating anything', async () => {
    const repoId = uniqueRepoId('cut');
    const built = await build(pythonRepo(40), repoId);
    const url = new URL(neo4jConfig.uri);
    const proxy = new CuttingProxy({ host: url.hostname, port: Number(url.port || 7687) });
    const port = await proxy.listen();
    const proxied = createGraphDriver({ ...neo4jConfig, uri: `bolt://127.0.0.1:${port}` });
    try {
      await proxied.verifyConnectivity();
      const measureId = uniqueRepoId('measure');
      const measure = await build(pythonRepo(40), measureId);
      const start = proxy.clientBytes;
      await index(measure, measureId, 'run-m', proxied, 25);
      proxy.cutAt = proxy.clientBytes + Math.floor((proxy.clientBytes - start) / 2);
      const { written } = await index(built, repoId, 'run-1', proxied, 25);
      expect(proxy.cuts).toBe(1);
      expect(written).toBeGreaterThanOrEqual(totals(built).nodes + totals(built).rels);
      const snapshot = await snapshotRepo(driver, repoId);
      expect(snapshot.nodes).toHaveLength(totals(built).nodes);
      expect(snapshot.rels).toHaveLength(totals(built).rels);
      expect(new Set(snapshot.rels.map((r) => r.split(' ').slice(0, 2).join(' '))).size).toBe(snapshot.rels.length);
    } finally {
      await proxied.close();
      await proxy.close();
    }
  });

  it('TTL cleanup deletes only stale nodes of that repository', async () => {
    const a = uniqueRepoId('ttl-a');
    const b = uniqueRepoId('ttl-b');
    await index(await build(pythonRepo(3), a), a, 'run-a');
    await index(await build(pythonRepo(3), b), b, 'run-b');
    const age = `MATCH (n:KGNode {repo_id: $repoId}) WHERE n.relative_path = 'pkg/m2.py' OR $all
                 SET n.last_indexed_at = datetime() - duration({days: 10}) RETURN count(n) AS aged`;
    const agedA = await driver.executeQuery(age, { repoId: a, all: false }, { database });
    await driver.executeQuery(age, { repoId: b, all: true }, { database });
    const beforeA = (await snapshotRepo(driver, a)).nodes.length;
    const beforeB = await snapshotRepo(driver, b);
    const deleted = await cleanupStaleNodes(driver, { repoId: a, ttlDays: 7, liveBranches: [], database });
    expect(deleted).toBe(Number(agedA.records[0]?.get('aged')));
    expect(deleted).toBeGreaterThan(1);
    expect((await snapshotRepo(driver, a)).nodes).toHaveLength(beforeA - deleted);
    expect(await snapshotRepo(driver, b)).toEqual(beforeB);
  });
});
