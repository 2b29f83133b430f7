import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { Kysely } from 'kysely';
import type { ActivityDeps } from './activities/activity-deps.js';
import { createGraphOps } from './activities/create-graph-ops.js';
import { createActivities, type Activities } from './activities/index.js';
import { MirrorCache } from './git/mirror-cache.js';
import { createPublicRepoSource } from './git/repo-source.js';
import { readConfig, type Config } from './config/read-config.js';
import { createDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { createGitHubAppRepoSource } from './github/create-github-app-repo-source.js';
import { createGraphDriver } from './graph/create-graph-driver.js';
import { ensureGraphSchema } from './graph/ensure-graph-schema.js';
import { createLogger } from './observability/create-logger.js';
import {
  createObservability,
  observabilityOptionsFrom,
  type Observability,
} from './observability/create-observability.js';
import { installTemporalLogging } from './observability/temporal-logger.js';
import { ParsePool } from './parsers/parse-pool.js';
import { parseRepository } from './parsers/parse-repository.js';
import { loadWorkflowBundle } from './temporal/workflow-bundle.js';
import { workerTaskQueue } from './shared/task-queues.js';

/** What {@link createWorker} needs: the config, a connection, and either full activity deps or activities. */
export interface WorkerDeps {
  config: Config;
  connection: NativeConnection;
  /** The shared queue; default `config.temporal.taskQueue`. */
  taskQueue?: string;
  /** Real dependencies; the activities are built from them with `workerTaskQueue` filled in. */
  activityDeps?: Omit<ActivityDeps, 'workerTaskQueue'>;
  /** Or ready activities (workflow tests); `claimWorkerQueue` is provided when missing. */
  activities?: Partial<Activities>;
  /** Metrics (and tracing) interceptors and sinks from `createObservability`; none when absent. */
  observability?: Pick<Observability, 'interceptors' | 'sinks'>;
  /** The workers' Temporal identity; default the SDK's `<pid>@<host>`. */
  identity?: string;
}

/** The two workers of one host: the shared queue (workflows + activities) and this host's own queue. */
export interface RepographWorker {
  sharedQueue: string;
  hostQueue: string;
  /** Runs both until shutdown; rejects if either fails. */
  run(): Promise<void>;
  /** Runs both until `promise` settles, then shuts down (tests). */
  runUntil<T>(promise: Promise<T>): Promise<T>;
  shutdown(): void;
}

/**
 * Creates the workers of one host: the shared `repo-indexing-queue` worker runs the workflows (all of
 * src/workflows/index.ts, from the workflow bundle cached for these sources) and every activity they call (the
 * original's worker forgot one, so every run failed), and a second worker polls `<queue>@<worker id>` for the
 * steps that read this host's work dirs.
 */
export async function createWorker(deps: WorkerDeps): Promise<RepographWorker> {
  const sharedQueue = deps.taskQueue ?? deps.config.temporal.taskQueue;
  const hostQueue = workerTaskQueue(sharedQueue, deps.config.work.workerId);
  const activities: Partial<Activities> & object =
    deps.activityDeps != null
      ? {
          ...createActivities({ ...deps.activityDeps, workerTaskQueue: hostQueue }),
        }
      : { claimWorkerQueue: async () => ({ task_queue: hostQueue }), ...deps.activities };
  const { interceptors, sinks } = deps.observability ?? {};
  const { workflowModules, ...workerInterceptors } = interceptors ?? {};
  // The workflow interceptor modules are compiled into the bundle; a worker given a bundle ignores them.
  const bundle = await loadWorkflowBundle({
    workflowInterceptorModules: workflowModules,
    logger: Runtime.instance().logger,
  });
  const common = {
    connection: deps.connection,
    namespace: deps.config.temporal.namespace,
    // An explicit undefined would replace the SDK's default identity.
    ...(deps.identity != null && { identity: deps.identity }),
    activities,
    interceptors: workerInterceptors,
    sinks,
  };
  const shared = await Worker.create({
    ...common,
    taskQueue: sharedQueue,
    workflowBundle: { codePath: bundle.codePath },
  });
  const host = await Worker.create({ ...common, taskQueue: hostQueue });
  const shutdown = () => {
    for (const w of [shared, host]) if (w.getState() === 'RUNNING') w.shutdown();
  };
  const run = async () => {
    const runs = [shared.run(), host.run()];
    try {
      await Promise.all(runs);
    } catch (error) {
      shutdown();
      await Promise.allSettled(runs);
      throw error;
    }
  };
  return {
    sharedQueue,
    hostQueue,
    run,
    shutdown,
    async runUntil<T>(promise: Promise<T>): Promise<T> {
      const running = run();
      try {
        return await Promise.race([promise, running.then(() => promise)]);
      } finally {
        shutdown();
        await running;
      }
    },
  };
}

/** The worker-scoped pools and the activity deps built on them; `close()` releases the pools. */
export interface WorkerResources {
  activityDeps: Omit<ActivityDeps, 'workerTaskQueue'>;
  close(): Promise<void>;
}

/**
 * Builds the pools once per process (pg pool + Kysely, Neo4j driver, the parser threads), runs the migrations and
 * the graph schema idempotently, and returns the activity dependencies. The parser threads live as long as the
 * worker, so a parse step does not pay for starting threads, loading grammars and compiling queries again.
 */
export async function createWorkerResources(config: Config): Promise<WorkerResources> {
  const db = createDatabase(config.postgres.url);
  const driver = createGraphDriver(config.neo4j);
  try {
    await migrate(db as Kysely<unknown>);
    await ensureGraphSchema(driver, config.neo4j.database, async () => {
      const rows = await db.selectFrom('repositories').select(['id', 'default_branch']).execute();
      return new Map(rows.map((r) => [r.id, r.default_branch]));
    });
  } catch (error) {
    await Promise.allSettled([db.destroy(), driver.close()]);
    throw error;
  }
  const newParsePool = () => new ParsePool(config.parser.threads, config.parser.fileTimeoutMs);
  let parsePool = newParsePool();
  // A pool that gave up fails the run it was serving; the next run gets fresh threads, as it did with a pool per run.
  const liveParsePool = (): ParsePool => {
    if (parsePool.broken) {
      void parsePool.close();
      parsePool = newParsePool();
    }
    return parsePool;
  };
  return {
    activityDeps: {
      config,
      db,
      graph: createGraphOps(driver, config.neo4j),
      parseRepository: (input) =>
        parseRepository({ ...input, pool: liveParsePool(), onProgress: (summary) => input.onProgress(summary.files) }),
      repoSource: createGitHubAppRepoSource(config.github, createPublicRepoSource),
      mirrors: new MirrorCache({ root: config.work.mirrorDir, maxBytes: config.work.mirrorMaxBytes }),
    },
    async close() {
      await Promise.allSettled([db.destroy(), driver.close(), parsePool.close()]);
    },
  };
}

/**
 * `repograph worker`: connects, builds the resources, runs both workers until SIGINT/SIGTERM, then drains
 * in-flight tasks and closes the pools.
 */
export async function runWorker(config: Config = readConfig()): Promise<void> {
  installTemporalLogging(createLogger({ level: config.observability.logLevel, fields: { service: 'worker' } }));
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const resources = await createWorkerResources(config).catch(async (error: unknown) => {
    await connection.close();
    throw error;
  });
  let observability: Observability | null = null;
  try {
    observability = await createObservability(observabilityOptionsFrom(config.observability));
    const worker = await createWorker({ config, connection, activityDeps: resources.activityDeps, observability });
    const stop = () => worker.shutdown();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      await worker.run();
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
  } finally {
    await observability?.close();
    await resources.close();
    await connection.close();
  }
}
