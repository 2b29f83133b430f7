import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseSource } from '../../../src/git/normalise-source.js';
import { repoIdForSource } from '../../../src/identity/repo-ids.js';
import { testConfig, uniqueSuffix } from '../../helpers/services.js';
import { createTestDatabase, type TestDatabase } from '../db/test-database.js';
import { commitFiles, createFixtureRepo } from '../workflow/fixture-repo.js';

const CLI = fileURLToPath(new URL('../../../bin/repograph.js', import.meta.url));
/** Enough files that the run is still parsing when the test presses Ctrl-C. */
const FILES = 3000;

interface Exited {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

async function waitFor<T>(what: string, probe: () => Promise<T | null>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value != null) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('Ctrl-C during repograph index with an in-process worker (real child process, Temporal, git)', () => {
  let root: string;
  let repoDir: string;
  let db: TestDatabase;
  let client: Client;
  let workflowId: string;
  const suffix = uniqueSuffix();
  const taskQueue = `interrupt-${suffix}`;

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'rg-interrupt-'));
    repoDir = path.join(root, 'my repo');
    createFixtureRepo(repoDir);
    const files: Record<string, string> = {};
    for (let i = 0; i < FILES; i++) {
      files[`gen/m${Math.floor(i / 100)}/f${i}.py`] =
        `class C${i}:\n    def run(self):\n        return helper_${i}()\n\n\ndef helper_${i}():\n    return ${i}\n`;
    }
    commitFiles(repoDir, files, 'many files');
    db = await createTestDatabase();
    client = new Client({ connection: await Connection.connect({ address: testConfig.temporal.address }) });
    workflowId = `repo-index-${repoIdForSource(normaliseSource(repoDir))}-main`;
  });
  afterAll(async () => {
    await client?.workflow
      .getHandle(workflowId)
      .terminate('test cleanup')
      .catch(() => undefined);
    await client?.connection.close();
    await db?.drop();
    if (root != null) rmSync(root, { recursive: true, force: true });
  });

  const workDir = () => path.join(root, 'work');

  function startIndex(): { child: ChildProcess; exited: Promise<Exited> } {
    mkdirSync(workDir(), { recursive: true });
    const child = spawn(process.execPath, [CLI, 'index', repoDir], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        TEMPORAL_ADDRESS: testConfig.temporal.address,
        TEMPORAL_NAMESPACE: testConfig.temporal.namespace,
        TEMPORAL_TASK_QUEUE: taskQueue,
        DATABASE_URL: db.url,
        NEO4J_URI: testConfig.neo4j.uri,
        REPOGRAPH_WORK_DIR: workDir(),
        REPOGRAPH_MIRROR_DIR: path.join(root, 'mirrors'),
        REPOGRAPH_WORKER_ID: `interrupt-${suffix}`,
        PARSE_THREADS: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout?.resume();
    const exited = new Promise<Exited>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal, stderr })),
    );
    return { child, exited };
  }

  // The run is past its precheck and working on the clone when an activity of the clone steps is pending.
  async function waitUntilRunWorks(exited: Promise<Exited>): Promise<string> {
    const ended = exited.then((e) => {
      throw new Error(`repograph index ended before the test pressed Ctrl-C: ${JSON.stringify(e)}`);
    });
    ended.catch(() => undefined);
    const runId = waitFor(
      'a pending clone or parse step',
      async () => {
        const description = await client.workflow.getHandle(workflowId).describe();
        const pending = description.raw.pendingActivities ?? [];
        const names = pending.map((a) => a.activityType?.name);
        return description.status.name === 'RUNNING' && names.some((n) => n === 'cloneRepo' || n === 'parseRepo')
          ? description.runId
          : null;
      },
      120_000,
    );
    return Promise.race([runId, ended]);
  }

  it('first press cancels the run, says so with the command to index again, and the clone is removed', async () => {
    const { child, exited } = startIndex();
    const runId = await waitUntilRunWorks(exited);
    child.kill('SIGINT');
    const result = await Promise.race([
      exited,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no exit within 120 s')), 120_000)),
    ]);
    expect(result.stderr).toContain(`Cancelling ${workflowId}`);
    expect(result.stderr).toContain(`Cancelled ${workflowId}; its work dir was removed.`);
    expect(result.stderr).toContain(`Run 'repograph index ${JSON.stringify(repoDir)}' to index it again.`);
    expect(result.code).toBe(130);
    const description = await client.workflow.getHandle(workflowId, runId).describe();
    expect(description.status.name).toBe('CANCELLED');
    expect(readdirSync(workDir())).toEqual([]);
  });

  it('second press exits at once with 130 and says what may still run and where to look', async () => {
    const { child, exited } = startIndex();
    const runId = await waitUntilRunWorks(exited);
    child.kill('SIGINT');
    // Soon enough that the cancellation (a Temporal round trip and a cleanup step) is still going.
    await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill('SIGINT');
    const result = await Promise.race([
      exited,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no exit within 30 s')), 30_000)),
    ]);
    expect(result.code).toBe(130);
    expect(result.stderr).toContain(
      `Exiting now. ${workflowId} may still be running or cancelling; see 'repograph status'`,
    );
    expect(result.stderr).toContain(`/workflows/${workflowId}/${runId}/history`);
  });
});
