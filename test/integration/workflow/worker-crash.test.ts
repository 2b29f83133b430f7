import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphDriver } from '../../../src/graph/create-graph-driver.js';
import type { RepoIndexingInput, RepositoryRef } from '../../../src/shared/repo-indexing.js';
import { normaliseSource } from '../../../src/git/normalise-source.js';
import { sourceRepositoryRef } from '../../../src/git/source-repository-ref.js';
import { startRepoIndexing } from '../../../src/temporal/start-repo-indexing.js';
import { uniqueSuffix } from '../../helpers/services.js';
import { createTestDatabase, type TestDatabase } from '../db/test-database.js';
import { commitFiles, createFixtureRepo } from './fixture-repo.js';
import { deleteTestGraph, readGraphSnapshot } from './graph-snapshot.js';
import { createWorkflowHarness, type WorkflowHarness } from './workflow-harness.js';

const CLI = fileURLToPath(new URL('../../../bin/repograph.js', import.meta.url));

/** 150 Python modules whose functions call each other: enough graph for a write of many small batches. */
function generatedModules(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let m = 0; m < 150; m++) {
    const fns = Array.from(
      { length: 6 },
      (_, f) => `def f${m}_${f}(x):\n    return f${m}_${(f + 1) % 6}(x) if x else ${f}\n`,
    );
    files[`pkg/mod${m}.py`] =
      `from pkg.mod${(m + 1) % 150} import f${(m + 1) % 150}_0\n\n\n${fns.join('\n\n')}\n\nclass C${m}:\n    def run(self):\n        return f${(m + 1) % 150}_0(1)\n`;
  }
  return files;
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

describe('a worker killed in the middle of the graph write', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'rg-crash-'));
  const workDir = path.join(root, 'work');
  const repoDir = path.join(root, 'repo');
  const workerId = `crash-${uniqueSuffix()}`;
  let h: WorkflowHarness;
  let t: TestDatabase;
  let driver: Driver;
  let repository: RepositoryRef;
  const children: ChildProcess[] = [];

  function startWorker(): ChildProcess {
    const child = spawn(process.execPath, [CLI, 'worker'], {
      env: {
        ...process.env,
        DATABASE_URL: t.url,
        TEMPORAL_TASK_QUEUE: h.taskQueue,
        REPOGRAPH_WORKER_ID: workerId,
        REPOGRAPH_WORK_DIR: workDir,
        NEO4J_BATCH_SIZE: '10',
        PARSE_THREADS: '1',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
    return child;
  }

  beforeAll(async () => {
    createFixtureRepo(repoDir);
    commitFiles(repoDir, generatedModules(), 'many modules');
    h = await createWorkflowHarness(workDir);
    t = await createTestDatabase();
    driver = createGraphDriver(h.config.neo4j);
    repository = sourceRepositoryRef(normaliseSource(repoDir), 'main', 'main');
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode == null && child.signalCode == null) child.kill('SIGTERM');
    await Promise.all(
      children.map((c) => (c.exitCode != null || c.signalCode != null ? null : new Promise((r) => c.once('exit', r)))),
    );
    if (driver != null && repository != null) {
      await deleteTestGraph(driver, h.config.neo4j.database, [repository.repo_id]);
      await driver.close();
    }
    await t?.drop();
    await h?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('resumes after a restart and ends with the same graph as a clean run', async () => {
    const countNodes = async () => {
      const session = driver.session({ database: h.config.neo4j.database });
      try {
        const res = await session.run('MATCH (n:KGNode {repo_id: $r}) RETURN count(n) AS n', { r: repository.repo_id });
        return Number(res.records[0]?.get('n') ?? 0);
      } finally {
        await session.close();
      }
    };
    const first = startWorker();
    const input: RepoIndexingInput = { installation_id: null, user_id: null, repository };
    const started = await startRepoIndexing(h.client, input, { taskQueue: h.taskQueue });
    await waitFor('the graph write to begin', async () => (await countNodes()) > 0);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    expect((await started.handle.describe()).status.name).toBe('RUNNING');

    startWorker();
    const result = await started.handle.result();
    expect(result.status).toBe('success');
    const history = await started.handle.fetchHistory();
    const graphAttempts = (history.events ?? [])
      .filter((e) => e.activityTaskStartedEventAttributes != null)
      .map((e) => e.activityTaskStartedEventAttributes?.attempt ?? 1);
    expect(Math.max(...graphAttempts)).toBeGreaterThanOrEqual(2);
    const recovered = await readGraphSnapshot(driver, h.config.neo4j.database, repository.repo_id);
    expect(recovered.nodeIds.length).toBe(result.status === 'success' ? result.stats.nodes : -1);

    const clean = await startRepoIndexing(h.client, { ...input, force: true }, { taskQueue: h.taskQueue });
    expect(await clean.handle.result()).toMatchObject({ status: 'success' });
    const rerun = await readGraphSnapshot(driver, h.config.neo4j.database, repository.repo_id);
    expect(recovered).toEqual(rerun);
    expect(readdirSync(workDir)).toEqual([]);
  });
});
