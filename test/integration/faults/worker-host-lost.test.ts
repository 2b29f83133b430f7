import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphDriver } from '../../../src/graph/create-graph-driver.js';
import { normaliseSource } from '../../../src/git/normalise-source.js';
import { sourceRepositoryRef } from '../../../src/git/source-repository-ref.js';
import {
  INDEXING_PROGRESS_QUERY,
  type IndexingProgress,
  type RepositoryRef,
} from '../../../src/shared/repo-indexing.js';
import { startRepoIndexing } from '../../../src/temporal/start-repo-indexing.js';
import { testConfig, uniqueSuffix } from '../../helpers/services.js';
import { createTestDatabase, type TestDatabase } from '../db/test-database.js';
import { commitFiles, createFixtureRepo } from '../workflow/fixture-repo.js';
import { deleteTestGraph, readGraphSnapshot } from '../workflow/graph-snapshot.js';
import { waitFor } from './fault-env.js';

const CLI = fileURLToPath(new URL('../../../bin/repograph.js', import.meta.url));

/** 40 Python modules that call each other. */
function generatedModules(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let m = 0; m < 40; m++) {
    const fns = Array.from({ length: 6 }, (_, f) => `def f${m}_${f}(x):\n    return f${m}_${(f + 1) % 6}(x)\n`);
    files[`pkg/mod${m}.py`] = `from pkg.mod${(m + 1) % 40} import f${(m + 1) % 40}_0\n\n\n${fns.join('\n\n')}\n`;
  }
  return files;
}

describe('a worker host that never comes back after the clone', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'rg-hostlost-'));
  const repoDir = path.join(root, 'repo');
  const taskQueue = `repo-indexing-hostlost-${uniqueSuffix()}`;
  const children: ChildProcess[] = [];
  let t: TestDatabase;
  let driver: Driver;
  let connection: Connection;
  let client: Client;
  let repository: RepositoryRef;
  let runningId: string | null = null;

  function startWorker(name: string): ChildProcess {
    const child = spawn(process.execPath, [CLI, 'worker'], {
      env: {
        ...process.env,
        DATABASE_URL: t.url,
        TEMPORAL_TASK_QUEUE: taskQueue,
        REPOGRAPH_WORKER_ID: `${name}-${uniqueSuffix()}`,
        REPOGRAPH_WORK_DIR: path.join(root, `work-${name}`),
        REPOGRAPH_MIRROR_DIR: path.join(root, `mirrors-${name}`),
        PARSE_THREADS: '1',
        LOG_LEVEL: 'WARN',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
    return child;
  }

  beforeAll(async () => {
    createFixtureRepo(repoDir);
    commitFiles(repoDir, generatedModules(), 'many modules');
    t = await createTestDatabase();
    driver = createGraphDriver(testConfig.neo4j);
    connection = await Connection.connect({ address: testConfig.temporal.address });
    client = new Client({ connection, namespace: testConfig.temporal.namespace });
    repository = sourceRepositoryRef(normaliseSource(repoDir), 'main', 'main');
  });

  afterAll(async () => {
    // A run left behind by a failed assertion must not keep timers going on the shared server.
    if (runningId != null) await client.workflow.getHandle(runningId).terminate('fault test over').catch(() => undefined);
    for (const child of children) if (child.exitCode == null && child.signalCode == null) child.kill('SIGKILL');
    await Promise.all(
      children.map((c) => (c.exitCode != null || c.signalCode != null ? null : new Promise((r) => c.once('exit', r)))),
    );
    if (repository != null) await deleteTestGraph(driver, testConfig.neo4j.database, [repository.repo_id]);
    await driver?.close();
    await t?.drop();
    await connection?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('clones again on another worker and completes', async () => {
    const first = startWorker('a');
    const started = await startRepoIndexing(
      client,
      { installation_id: null, user_id: null, repository },
      { taskQueue },
    );
    const handle = started.handle;
    runningId = handle.workflowId;
    await waitFor(
      'the clone to finish on the first worker',
      async () => {
        const progress = await handle.query<IndexingProgress>(INDEXING_PROGRESS_QUERY);
        return progress.step_millis.clone != null;
      },
      120_000,
    );
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const killedAt = Date.now();
    startWorker('b');

    // Bounded: with the host's queue waited on for 5 minutes and no re-clone, this would time out.
    const result = await Promise.race([
      handle.result(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('run did not finish in 150 s')), 150_000)),
    ]);
    console.log(`host lost → run completed in ${Math.round((Date.now() - killedAt) / 1000)} s after the kill`);
    runningId = null;
    expect(result.status).toBe('success');

    const history = await handle.fetchHistory();
    const scheduled = (history.events ?? []).flatMap((e) => {
      const a = e.activityTaskScheduledEventAttributes;
      return a == null ? [] : [{ type: a.activityType?.name, queue: a.taskQueue?.name }];
    });
    expect(scheduled.filter((s) => s.type === 'claimWorkerQueue')).toHaveLength(2);
    const cloneQueues = scheduled.filter((s) => s.type === 'cloneRepo').map((s) => s.queue);
    expect(cloneQueues).toHaveLength(2);
    expect(cloneQueues[0]).toMatch(/@a-/);
    expect(cloneQueues[1]).toMatch(/@b-/);
    const snapshot = await readGraphSnapshot(driver, testConfig.neo4j.database, repository.repo_id);
    expect(snapshot.nodeIds.length).toBe(result.status === 'success' ? result.stats.nodes : -1);
    expect(snapshot.files).toContain('pkg/mod39.py');
    expect(readdirSync(path.join(root, 'work-b'))).toEqual([]);
  });
});
