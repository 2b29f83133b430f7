import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import type { Driver } from 'neo4j-driver';
import { createPublicRepoSource } from '../../src/git/repo-source.js';
import { API_SCOPES, type Config } from '../../src/config/read-config.js';
import { createGitHubAppRepoSource } from '../../src/github/create-github-app-repo-source.js';
import type { Log } from '../../src/api/http-reply.js';
import { createGraphDriver } from '../../src/graph/create-graph-driver.js';
import { startRepographServer, type RunningServer } from '../../src/server.js';
import { createWorker, createWorkerResources, type RepographWorker, type WorkerResources } from '../../src/worker.js';
import { createTestDatabase, type TestDatabase } from '../integration/db/test-database.js';
import { createBareRepository, startGitHttpServer, type GitHttpServer } from './git-http-server.js';
import {
  generateAppKeyPair,
  startGitHubStandIn,
  type GitHubStandIn,
  type StandInRepository,
} from './github-stand-in.js';
import { testConfig, uniqueSuffix } from './services.js';

/** A repository of the stand-in installation, with its bare repository on the git server. */
export interface StandInRepo extends StandInRepository {
  bareDir: string;
}

/** Everything an end-to-end GitHub App test needs, on the real Temporal, Neo4j and PostgreSQL. */
export interface GitHubStandInEnv {
  config: Config;
  github: GitHubStandIn;
  git: GitHttpServer;
  /** The in-process `repograph serve`; null when started with `server: false`. */
  server: RunningServer | null;
  client: Client;
  db: TestDatabase;
  graph: Driver;
  installationId: number;
  repos: StandInRepo[];
  secret: string;
  /** Every log line of the server, the worker runtime (activities, workflows) and the console. */
  logs: string[];
  /** Creates another private repository and grants it to the installation (as "add repository" on GitHub). */
  addRepo(name: string, defaultBranch: string): StandInRepo;
  close(): Promise<void>;
}

/**
 * Starts the GitHub REST stand-in and the git smart-HTTP server with private repositories, a test database, a
 * worker on a unique task queue with the GitHub App source, and `repograph serve` in-process on a free port.
 * The Temporal runtime logger is captured (install happens once per test file's process).
 */
export async function startGitHubStandInEnv(
  repoSpecs: { name: string; defaultBranch: string }[],
  options: { server?: boolean } = {},
): Promise<GitHubStandInEnv> {
  const logs: string[] = [];
  Runtime.install({
    logger: new DefaultLogger('INFO', (entry) => logs.push(`${entry.level} ${entry.message} ${safeJson(entry.meta)}`)),
  });
  const restoreConsole = captureConsole(logs);
  const suffix = uniqueSuffix();
  const root = mkdtempSync(path.join(os.tmpdir(), 'rg-github-e2e-'));
  const keys = generateAppKeyPair();
  const installationId = 5_000_000 + Math.floor(Math.random() * 1_000_000);
  const repos: StandInRepo[] = [];
  const installations = new Map<number, StandInRepository[]>([[installationId, repos]]);
  const github = await startGitHubStandIn({ appId: '31337', publicKey: keys.publicKey, installations });
  const git: GitHttpServer = await startGitHttpServer(path.join(root, 'srv'), (token) => github.isValidToken(token));
  const addRepo = (name: string, defaultBranch: string): StandInRepo => {
    const fullName = `acme-${suffix}/${name}`;
    const repo: StandInRepo = {
      id: installationId * 10 + repos.length,
      full_name: fullName,
      default_branch: defaultBranch,
      private: true,
      clone_url: `${git.url}/${fullName}.git`,
      bareDir: createBareRepository(path.join(root, 'srv'), fullName, defaultBranch),
    };
    repos.push(repo);
    return repo;
  };
  for (const spec of repoSpecs) addRepo(spec.name, spec.defaultBranch);
  const db = await createTestDatabase();
  const secret = `whsec-${suffix}`;
  const config: Config = {
    ...testConfig,
    temporal: { ...testConfig.temporal, taskQueue: `github-e2e-${suffix}` },
    postgres: { url: db.url },
    github: {
      ...testConfig.github,
      appId: '31337',
      privateKey: keys.privateKey,
      apiUrl: github.url,
      webhookSecret: secret,
    },
    server: {
      host: '127.0.0.1',
      port: 0,
      apiClients: [{ name: 'default', token: `api-${suffix}`, scopes: API_SCOPES }],
      apiAllowLocalSources: false,
      apiSourceHosts: ['github.com'],
      webhookReplyBudgetMs: 5_000,
      dispatchLeaseMs: 30_000,
    },
    work: { ...testConfig.work, workDir: path.join(root, 'work'), workerId: `github-e2e-${suffix}` },
  };
  const log: Log = {
    info: (m) => logs.push(`info ${m}`),
    warn: (m) => logs.push(`warn ${m}`),
    error: (m) => logs.push(`error ${m}`),
  };
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const resources: WorkerResources = await createWorkerResources(config);
  const worker: RepographWorker = await createWorker({
    config,
    connection,
    activityDeps: {
      ...resources.activityDeps,
      repoSource: createGitHubAppRepoSource(config.github, createPublicRepoSource),
    },
  });
  const running = worker.run();
  // Without the in-process server a test runs `repograph serve` as its own process (to kill it).
  const server = options.server === false ? null : await startRepographServer(config, log);
  const client = new Client({
    connection: await Connection.connect({ address: config.temporal.address }),
    namespace: config.temporal.namespace,
  });
  const graph = createGraphDriver(config.neo4j);
  return {
    config,
    addRepo,
    github,
    git,
    server,
    client,
    db,
    graph,
    installationId,
    repos,
    secret,
    logs,
    async close() {
      await server?.close();
      worker.shutdown();
      await running.catch(() => undefined);
      await resources.close();
      await connection.close();
      await client.connection.close();
      await graph.close();
      await db.drop();
      await git.close();
      await github.close();
      rmSync(root, { recursive: true, force: true });
      restoreConsole();
    },
  };
}

function captureConsole(logs: string[]): () => void {
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const originals = methods.map((m) => console[m]);
  for (const m of methods) {
    const original = console[m];
    console[m] = (...args: unknown[]) => {
      logs.push(`console.${m} ${args.map((a) => (typeof a === 'string' ? a : safeJson(a))).join(' ')}`);
      original(...args);
    };
  }
  return () => methods.forEach((m, i) => (console[m] = originals[i]!));
}

function safeJson(value: unknown): string {
  try {
    return (
      JSON.stringify(value, (_k, v: unknown) => {
        if (typeof v === 'bigint') return v.toString();
        if (v instanceof Error) return { name: v.name, message: v.message, stack: v.stack, cause: v.cause };
        return v;
      }) ?? ''
    );
  } catch {
    return String(value);
  }
}
