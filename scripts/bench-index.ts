/**
 * `npm run bench`: indexes this machine's Python standard library end to end (copied into a temporary git
 * repository) through the real workflow, worker, Postgres and Neo4j, and prints seconds per step, totals, graph
 * elements per second, peak worker RSS and the largest Temporal payload of the run.
 *   npm run bench -- [--source /usr/lib/python3.11] [--keep]
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { readConfig, type Config } from '../src/config/read-config.js';
import { createDatabase } from '../src/db/database.js';
import { createGraphDriver } from '../src/graph/create-graph-driver.js';
import { normaliseSource } from '../src/git/normalise-source.js';
import { sourceRepositoryRef } from '../src/git/source-repository-ref.js';
import { createTemporalClient } from '../src/temporal/create-temporal-client.js';
import { startRepoIndexing } from '../src/temporal/start-repo-indexing.js';
import { createWorker, createWorkerResources } from '../src/worker.js';

function largestPayload(history: unknown): number {
  let max = 0;
  const visit = (value: unknown): void => {
    if (value == null || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach(visit);
    const record = value as Record<string, unknown>;
    if (record.data instanceof Uint8Array && record.metadata != null) max = Math.max(max, record.data.byteLength);
    Object.values(record).forEach(visit);
  };
  visit(history);
  return max;
}

function prepareRepo(source: string, root: string): { dir: string; seconds: number } {
  const started = performance.now();
  const dir = path.join(root, 'repo');
  cpSync(source, dir, {
    recursive: true,
    filter: (src) => path.basename(src) !== '__pycache__',
    verbatimSymlinks: true,
  });
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'bench',
    GIT_AUTHOR_EMAIL: 'bench@example.test',
    GIT_COMMITTER_NAME: 'bench',
    GIT_COMMITTER_EMAIL: 'bench@example.test',
  };
  for (const args of [
    ['init', '-q', '-b', 'main'],
    ['add', '-A'],
    ['commit', '-q', '-m', 'snapshot'],
  ])
    execFileSync('git', args, { cwd: dir, env });
  return { dir, seconds: (performance.now() - started) / 1000 };
}

async function cleanup(config: Config, repoId: string): Promise<void> {
  const driver = createGraphDriver(config.neo4j);
  const db = createDatabase(config.postgres.url, 1);
  try {
    const session = driver.session({ database: config.neo4j.database });
    try {
      await session.run(
        'MATCH (n:KGNode {repo_id: $repoId}) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS',
        { repoId },
      );
    } finally {
      await session.close();
    }
    await db.deleteFrom('repositories').where('id', '=', repoId).execute();
  } finally {
    await Promise.allSettled([driver.close(), db.destroy()]);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { source: { type: 'string', default: '/usr/lib/python3.11' }, keep: { type: 'boolean' } },
  });
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const root = mkdtempSync(path.join(os.tmpdir(), 'rg-bench-'));
  const base = readConfig();
  const config: Config = {
    ...base,
    work: { ...base.work, workDir: path.join(root, 'work'), workerId: `bench-${process.pid}` },
  };
  const taskQueue = `repo-indexing-bench-${process.pid}`;
  const { dir, seconds: prepSeconds } = prepareRepo(values.source!, root);
  const repository = sourceRepositoryRef(normaliseSource(dir), 'main', 'main');
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const resources = await createWorkerResources(config);
  const client = await createTemporalClient(config.temporal);
  const worker = await createWorker({ config, connection, taskQueue, activityDeps: resources.activityDeps });
  const running = worker.run();
  try {
    const started = performance.now();
    const run = await startRepoIndexing(
      client,
      { installation_id: null, user_id: null, repository, force: true },
      { taskQueue },
    );
    const result = await run.handle.result();
    const wall = (performance.now() - started) / 1000;
    if (result.status !== 'success') throw new Error(`expected a full run, got ${result.status}`);
    const history = await client.workflow.getHandle(run.workflowId, run.runId).fetchHistory();
    const s = result.stats;
    const persistSeconds = (s.step_millis.persist_kg ?? 0) / 1000;
    const rows: [string, string][] = [
      ['source', `${values.source} (copy + git commit ${prepSeconds.toFixed(1)} s, not counted)`],
      ...Object.entries(s.step_millis).map(([step, ms]): [string, string] => [
        `step ${step}`,
        `${(ms / 1000).toFixed(2)} s`,
      ]),
      ['total wall', `${wall.toFixed(2)} s`],
      ['files', `${s.total_files} (${s.indexed_files} indexed, ${s.skipped_files} skipped, ${s.failed_files} failed)`],
      ['symbols', String(s.total_symbols)],
      ['graph', `${s.nodes} nodes, ${s.relationships} relationships`],
      [
        'graph elements/s',
        `${((s.nodes + s.relationships) / persistSeconds).toFixed(0)} (persist_kg: build + write + sweep)`,
      ],
      ['end-to-end files/s', (s.total_files / wall).toFixed(1)],
      ['peak worker RSS', `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (this process runs the worker)`],
      ['largest payload', `${largestPayload(history)} bytes (limit checked: 256 KB)`],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    process.stdout.write(`${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n`);
  } finally {
    worker.shutdown();
    await running.catch(() => undefined);
    await resources.close();
    await connection.close();
    await client.connection.close();
    if (values.keep !== true) await cleanup(config, repository.repo_id);
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
