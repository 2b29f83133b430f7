import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { expect } from 'vitest';
import type { Config } from '../../../src/config/read-config.js';
import { createGraphDriver } from '../../../src/graph/create-graph-driver.js';
import type { RepoIndexingInput, RepositoryRef } from '../../../src/shared/repo-indexing.js';
import { startRepoIndexing } from '../../../src/temporal/start-repo-indexing.js';
import {
  createWorker,
  createWorkerResources,
  type RepographWorker,
  type WorkerResources,
} from '../../../src/worker.js';
import { createTestDatabase, type TestDatabase } from '../db/test-database.js';
import { deleteTestGraph } from './graph-snapshot.js';
import { createWorkflowHarness, payloadSizes, type WorkflowHarness } from './workflow-harness.js';

/** A real worker on a unique queue with its own database, for end-to-end runs of RepoIndexingWorkflow. */
export interface IndexingEnv {
  root: string;
  workDir: string;
  h: WorkflowHarness;
  t: TestDatabase;
  config: Config;
  driver: Driver;
  /** Runs RepoIndexingWorkflow to its end; the result is the error when it failed. */
  index(ref: RepositoryRef, extra?: Partial<RepoIndexingInput>): Promise<IndexOutcome>;
  close(): Promise<void>;
}

/** What one run left. */
export interface IndexOutcome {
  result: unknown;
  history: Awaited<ReturnType<ReturnType<WorkflowHarness['client']['workflow']['getHandle']>['fetchHistory']>>;
  runId: string;
}

/**
 * Starts a worker (real activities, Postgres database of its own, the shared Neo4j and Temporal) in a temporary
 * directory; `graphRepoIds` are the repo ids whose graphs `close()` deletes.
 */
export async function startIndexingEnv(label: string, graphRepoIds: () => string[]): Promise<IndexingEnv> {
  const root = mkdtempSync(path.join(os.tmpdir(), `rg-${label}-`));
  const workDir = path.join(root, 'work');
  const h = await createWorkflowHarness(workDir);
  const t = await createTestDatabase();
  const config: Config = {
    ...h.config,
    postgres: { url: t.url },
    work: { ...h.config.work, mirrorDir: path.join(root, 'mirrors') },
  };
  const resources: WorkerResources = await createWorkerResources(config);
  const worker: RepographWorker = await createWorker({
    config,
    connection: h.connection,
    taskQueue: h.taskQueue,
    activityDeps: resources.activityDeps,
  });
  const running = worker.run();
  const driver = createGraphDriver(config.neo4j);
  return {
    root,
    workDir,
    h,
    t,
    config,
    driver,
    async index(ref, extra = {}) {
      const input: RepoIndexingInput = { installation_id: null, user_id: null, repository: ref, ...extra };
      const started = await startRepoIndexing(h.client, input, { taskQueue: h.taskQueue });
      const result = await started.handle.result().catch((error: unknown) => error);
      const history = await started.handle.fetchHistory();
      expect(Math.max(...payloadSizes(history))).toBeLessThan(256 * 1024);
      expect(readdirSync(workDir)).toEqual([]);
      return { result, history, runId: started.runId };
    },
    async close() {
      worker.shutdown();
      await running;
      await resources.close();
      await deleteTestGraph(driver, config.neo4j.database, graphRepoIds());
      await driver.close();
      await t.drop();
      await h.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
