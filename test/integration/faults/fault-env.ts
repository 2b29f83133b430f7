import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import type { Driver } from 'neo4j-driver';
import { readConfig, type Config } from '../../../src/config/read-config.js';
import { createGraphDriver } from '../../../src/graph/create-graph-driver.js';
import { normaliseSource } from '../../../src/git/normalise-source.js';
import { sourceRepositoryRef } from '../../../src/git/source-repository-ref.js';
import type { RepoIndexingInput, RepositoryRef } from '../../../src/shared/repo-indexing.js';
import { startRepoIndexing } from '../../../src/temporal/start-repo-indexing.js';
import { createWorker, createWorkerResources, type WorkerResources } from '../../../src/worker.js';
import { uniqueSuffix } from '../../helpers/services.js';
import { createTestDatabase, type TestDatabase } from '../db/test-database.js';
import type { RepoIndexingWorkflow } from '../../../src/workflows/index.js';
import { deleteTestGraph } from '../workflow/graph-snapshot.js';

let runtimeInstalled = false;

/** What one fault test runs on: a worker in this process, its client, and the repository to index. */
export interface FaultEnv {
  root: string;
  workDir: string;
  config: Config;
  client: Client;
  driver: Driver;
  repository: RepositoryRef;
  /** Starts RepoIndexingWorkflow for the repository on this env's queue. */
  start(extra?: Partial<RepoIndexingInput>): Promise<WorkflowHandle<typeof RepoIndexingWorkflow>>;
  /** Starts the in-process worker (again), on the same host queue. */
  startWorker(): Promise<void>;
  /** Stops the worker, waiting for its tasks to drain. */
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

/** Options of {@link startFaultEnv}. */
export interface FaultEnvOptions {
  /** Environment variables that point at private services (see `startPrivateService`). */
  env?: Record<string, string>;
  /** The git repository to index. */
  repoDir: string;
  /** Where runs keep their work dirs; default a new temporary directory. */
  workDir?: string;
}

/**
 * A real worker (every activity, real pools) on a unique queue, configured from the environment plus
 * `options.env`. Without a private PostgreSQL it gets a database of its own on the shared one.
 */
export async function startFaultEnv(label: string, options: FaultEnvOptions): Promise<FaultEnv> {
  if (!runtimeInstalled) {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
    runtimeInstalled = true;
  }
  const root = mkdtempSync(path.join(os.tmpdir(), `rg-fault-${label}-`));
  const workDir = options.workDir ?? path.join(root, 'work');
  mkdirSync(workDir, { recursive: true });
  const base = readConfig({ ...process.env, ...options.env });
  const testDb: TestDatabase | null = options.env?.DATABASE_URL == null ? await createTestDatabase() : null;
  const suffix = uniqueSuffix();
  const config: Config = {
    ...base,
    postgres: testDb == null ? base.postgres : { url: testDb.url },
    temporal: { ...base.temporal, taskQueue: `repo-indexing-fault-${suffix}` },
    work: { ...base.work, workDir, workerId: `fault-${suffix}`, mirrorDir: path.join(root, 'mirrors') },
    parser: { ...base.parser, threads: 1 },
  };
  const clientConnection = await Connection.connect({ address: config.temporal.address });
  const client = new Client({ connection: clientConnection, namespace: config.temporal.namespace });
  const driver = createGraphDriver(config.neo4j);
  const repository = sourceRepositoryRef(normaliseSource(options.repoDir), 'main', 'main');
  let resources: WorkerResources | null = null;
  let connection: NativeConnection | null = null;
  let stop: (() => Promise<void>) | null = null;
  const handles: WorkflowHandle[] = [];

  const startWorker = async () => {
    resources ??= await createWorkerResources(config);
    connection ??= await NativeConnection.connect({ address: config.temporal.address });
    const worker = await createWorker({ config, connection, activityDeps: resources.activityDeps });
    const running = worker.run();
    stop = async () => {
      worker.shutdown();
      await running;
    };
  };
  const stopWorker = async () => {
    const current = stop;
    stop = null;
    await current?.();
  };
  await startWorker();
  return {
    root,
    workDir,
    config,
    client,
    driver,
    repository,
    async start(extra = {}) {
      const input: RepoIndexingInput = { installation_id: null, user_id: null, repository, ...extra };
      const started = await startRepoIndexing(client, input, { taskQueue: config.temporal.taskQueue });
      handles.push(started.handle);
      return started.handle;
    },
    startWorker,
    stopWorker,
    async close() {
      // A run a failed assertion left open must not keep timers going on the server once its worker is gone.
      for (const handle of handles) {
        const running = await handle.describe().then((d) => d.status.name === 'RUNNING', () => false);
        if (running) await handle.terminate('fault test over').catch(() => undefined);
      }
      await stopWorker().catch(() => undefined);
      await resources?.close();
      await connection?.close();
      await deleteTestGraph(driver, config.neo4j.database, [repository.repo_id]).catch(() => undefined);
      await driver.close();
      await testDb?.drop();
      await clientConnection.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Polls `check` every 100 ms until it holds; fails naming `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** The attempts each activity type was started with in a workflow's history, in order. */
export async function activityAttempts(handle: WorkflowHandle): Promise<{ type: string; attempt: number }[]> {
  const history = await handle.fetchHistory();
  const events = history.events ?? [];
  const typeOf = new Map<string, string>();
  const attempts: { type: string; attempt: number }[] = [];
  for (const e of events) {
    const scheduled = e.activityTaskScheduledEventAttributes;
    if (scheduled != null) typeOf.set(String(e.eventId), scheduled.activityType?.name ?? '?');
    const started = e.activityTaskStartedEventAttributes;
    if (started != null) {
      attempts.push({ type: typeOf.get(String(started.scheduledEventId)) ?? '?', attempt: started.attempt ?? 1 });
    }
  }
  return attempts;
}
