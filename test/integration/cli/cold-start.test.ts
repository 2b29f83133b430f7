import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/config/read-config.js';
import { createGraphDriver } from '../../../src/graph/create-graph-driver.js';
import { answers, serviceEndpoints } from '../../../src/stack/ensure-local-services.js';
import { runStackScript } from '../../../src/stack/run-stack-script.js';
import { freePort } from '../../helpers/serve-process.js';
import { uniqueSuffix } from '../../helpers/services.js';
import { guardPrivateDataDir, killRecordedProcesses } from '../faults/private-service.js';
import { createFixtureRepo } from '../workflow/fixture-repo.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The command's bound: the services start from the cache (about 20 s), then a small repository is indexed. */
const COMMAND_TIMEOUT_MS = 200_000;

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run index -- <repo>` in the repository root; kills its whole process group if it outlives the bound. */
function npmRunIndex(repo: string, env: NodeJS.ProcessEnv): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', 'index', '--', repo], { cwd: ROOT, env, detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      stderr += `\n[test] killed after ${COMMAND_TIMEOUT_MS} ms\n`;
      process.kill(-child.pid!, 'SIGKILL');
    }, COMMAND_TIMEOUT_MS);
    // 'exit', not 'close': a service the command started must not be able to hold the test on its pipes.
    child.once('exit', (code) => {
      clearTimeout(timer);
      setTimeout(() => resolve({ code, stdout, stderr }), 100);
    });
  });
}

describe("the README's main command from a cold start: npm run index -- <repo> with no service running", () => {
  let root: string;
  let dataDir: string;
  let repo: string;
  let env: NodeJS.ProcessEnv;
  let ports: { postgres: number; bolt: number; http: number; temporal: number; ui: number };
  let release: () => void = () => undefined;

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'rg-cold-start-'));
    // The postgres user runs the private cluster when the tests run as root: it must reach the data dir.
    chmodSync(root, 0o755);
    dataDir = path.join(root, 'data');
    repo = path.join(root, 'my repo');
    createFixtureRepo(repo);
    ports = {
      postgres: await freePort(),
      bolt: await freePort(),
      http: await freePort(),
      temporal: await freePort(),
      ui: await freePort(),
    };
    // A private stack: its own ports and data dir, the binaries and jars from the shared cache; nothing in the
    // environment points at the shared services.
    env = {
      ...process.env,
      REPOGRAPH_DATA_DIR: dataDir,
      REPOGRAPH_WORK_DIR: path.join(root, 'work'),
      REPOGRAPH_MIRROR_DIR: path.join(root, 'mirrors'),
      DATABASE_URL: `postgres://postgres@127.0.0.1:${ports.postgres}/repograph`,
      NEO4J_URI: `bolt://127.0.0.1:${ports.bolt}`,
      NEO4J_HTTP_PORT: String(ports.http),
      NEO4J_HEAP: '512m',
      NEO4J_PAGECACHE: '128m',
      TEMPORAL_ADDRESS: `127.0.0.1:${ports.temporal}`,
      TEMPORAL_UI_PORT: String(ports.ui),
      TEMPORAL_TASK_QUEUE: `cold-start-${uniqueSuffix()}`,
      PARSE_THREADS: '1',
    };
    for (const name of ['NEO4J_BROWSER_URL', 'TEMPORAL_UI_URL', 'NEO4J_PASSWORD']) delete env[name];
    release = guardPrivateDataDir(dataDir);
  });

  afterAll(async () => {
    await runStackScript(['down'], {
      env: Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] != null)),
      stdout: 'stderr',
    });
    killRecordedProcesses(dataDir);
    release();
    rmSync(root, { recursive: true, force: true });
  }, 120_000);

  it('starts the services, indexes, and prints a Neo4j Browser link that opens the private instance', async () => {
    const config = readConfig(env);
    for (const endpoint of serviceEndpoints(config)) expect(await answers(endpoint), endpoint.service).toBe(false);

    const { code, stdout, stderr } = await npmRunIndex(repo, env);

    expect(code, `stdout:\n${stdout}\nstderr:\n${stderr}`).toBe(0);
    expect(stderr).toContain(
      "PostgreSQL, Neo4j and Temporal are not running: starting them with 'scripts/stack up postgres neo4j temporal'",
    );
    expect(stderr).toContain(`[stack] neo4j: starting Neo4j`);
    expect(stdout).toMatch(/^my repo@main [0-9a-f]{12}: indexed \(full\)$/m);
    expect(stdout).toMatch(/^ {2}files {10}6 \(6 indexed, 0 skipped, 0 failed\)$/m);
    const link = /^Neo4j Browser: (\S+)$/m.exec(stdout)?.[1] ?? '';
    expect(link.startsWith(`http://127.0.0.1:${ports.http}/browser/?`)).toBe(true);
    expect(new URL(link).searchParams.get('dbms')).toBe(`bolt://127.0.0.1:${ports.bolt}`);
    expect(stdout).toContain(`Temporal UI:   http://127.0.0.1:${ports.ui}/namespaces/default/workflows/repo-index-`);
    expect((await fetch(link)).status).toBe(200);
    // The services stay up for the next run.
    for (const endpoint of serviceEndpoints(config)) expect(await answers(endpoint), endpoint.service).toBe(true);

    // The graph is in the private Neo4j the link opens.
    const repoId = /repo_id: '([^']+)'/.exec(new URL(link).searchParams.get('arg') ?? '')?.[1];
    const driver = createGraphDriver(config.neo4j);
    try {
      const result = await driver.executeQuery('MATCH (f:FileNode {repo_id: $repoId}) RETURN count(f) AS n', {
        repoId,
      });
      // The root directory, two directories and six files.
      expect(Number(result.records[0]?.get('n'))).toBe(9);
    } finally {
      await driver.close();
    }
  }, 240_000);
});
