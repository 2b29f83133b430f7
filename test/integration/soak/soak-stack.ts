import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { Driver } from 'neo4j-driver';
import type { Config } from '../../../src/config/read-config.js';
import type { GitHubRepository } from '../../../src/github/github-repository.js';
import { createGraphDriver } from '../../../src/graph/create-graph-driver.js';
import { deleteRepoGraph } from '../../../src/graph/delete-repo-graph.js';
import { repoIdForGitHubRepository } from '../../../src/identity/repo-ids.js';
import { createTemporalClient } from '../../../src/temporal/create-temporal-client.js';
import { createBareRepository, startGitHttpServer, type GitHttpServer } from '../../helpers/git-http-server.js';
import { generateAppKeyPair, startGitHubStandIn, type GitHubStandIn } from '../../helpers/github-stand-in.js';
import { freePort, serveEnv, servicesEnv, startServeProcess, type ServeProcess } from '../../helpers/serve-process.js';
import { testConfig, uniqueSuffix } from '../../helpers/services.js';
import { createTestDatabase, type TestDatabase } from '../db/test-database.js';
import { generateSoakCommits, type SoakCommits } from './soak-repos.js';
import { startWorkerProcess, type WorkerProcess } from './worker-process.js';

/** One repository of the soak: its GitHub identity, bare repository on the git server, and pre-made commits. */
export interface SoakRepo {
  github: GitHubRepository;
  repoId: string;
  bareDir: string;
  commits: SoakCommits;
}

/** Everything a soak runs against: stand-ins in this process, `repograph serve` and `repograph worker` as processes. */
export interface SoakStack {
  config: Config;
  secret: string;
  installationId: number;
  repos: SoakRepo[];
  server: ServeProcess;
  worker: WorkerProcess;
  client: Client;
  db: TestDatabase;
  graph: Driver;
  github: GitHubStandIn;
  git: GitHttpServer;
  close(): Promise<void>;
}

/** Options of {@link startSoakStack}. */
export interface SoakStackOptions {
  repos: number;
  commitsPerRepo: number[];
  seed: number;
  /** `PARSE_THREADS` of the worker (the machine is shared: default 1). */
  parseThreads?: number;
  log?: (line: string) => void;
}

/**
 * Starts the GitHub REST stand-in and the git smart-HTTP server with `repos` private repositories (commits made
 * ahead, none pushed yet), a database of its own, and `repograph serve` plus `repograph worker` as child
 * processes on a unique task queue, all on 127.0.0.1 against the real Temporal, Neo4j and PostgreSQL.
 */
export async function startSoakStack(options: SoakStackOptions): Promise<SoakStack> {
  const log = options.log ?? (() => undefined);
  const suffix = uniqueSuffix();
  const root = mkdtempSync(path.join(os.tmpdir(), 'rg-soak-'));
  const cleanups: (() => Promise<unknown> | unknown)[] = [() => rmSync(root, { recursive: true, force: true })];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  };
  try {
    const keys = generateAppKeyPair();
    const installationId = 7_000_000 + Math.floor(Math.random() * 1_000_000);
    const standIns: { id: number; full_name: string; default_branch: string; private: boolean; clone_url: string }[] =
      [];
    const github = await startGitHubStandIn({
      appId: '31337',
      publicKey: keys.publicKey,
      installations: new Map([[installationId, standIns]]),
    });
    cleanups.push(() => github.close());
    const git = await startGitHttpServer(path.join(root, 'srv'), (token) => github.isValidToken(token));
    cleanups.push(() => git.close());
    const repos: SoakRepo[] = [];
    for (let i = 0; i < options.repos; i++) {
      const fullName = `soak-${suffix}/repo-${i}`;
      const id = installationId * 10 + i;
      const cloneUrl = `${git.url}/${fullName}.git`;
      standIns.push({ id, full_name: fullName, default_branch: 'main', private: true, clone_url: cloneUrl });
      repos.push({
        github: { github_repo_id: id, full_name: fullName, default_branch: 'main', private: true, clone_url: cloneUrl },
        repoId: repoIdForGitHubRepository(id),
        bareDir: createBareRepository(path.join(root, 'srv'), fullName, 'main'),
        commits: generateSoakCommits(
          path.join(root, 'work', `repo-${i}`),
          options.seed + i,
          options.commitsPerRepo[i]!,
        ),
      });
    }
    log(`soak: commits made; starting repograph worker and serve on task queue soak-${suffix}`);
    const db = await createTestDatabase();
    cleanups.push(() => db.drop());
    const graph = createGraphDriver(testConfig.neo4j);
    cleanups.push(() => graph.close());
    cleanups.push(async () => {
      for (const repo of repos) {
        await deleteRepoGraph(graph, { repoId: repo.repoId, branch: null, database: testConfig.neo4j.database });
      }
    });
    const secret = `whsec-${suffix}`;
    const config: Config = {
      ...testConfig,
      temporal: { ...testConfig.temporal, taskQueue: `soak-${suffix}` },
      postgres: { url: db.url },
      github: {
        ...testConfig.github,
        appId: '31337',
        privateKey: keys.privateKey,
        apiUrl: github.url,
        webhookSecret: secret,
      },
    };
    const client = await createTemporalClient(config.temporal);
    cleanups.push(() => client.connection.close());
    const worker = await startWorkerProcess(workerEnv(config, root, suffix, options.parseThreads ?? 1));
    cleanups.push(() => worker.stop());
    const server = await startServeProcess(serveEnv(config, await freePort()));
    cleanups.push(() => server.stop());
    log(`soak: worker (pid ${worker.child.pid}) and server (pid ${server.child.pid}, ${server.url}) running`);
    return { config, secret, installationId, repos, server, worker, client, db, graph, github, git, close };
  } catch (error) {
    log(`soak: the stack did not start: ${error instanceof Error ? error.message : String(error)}`);
    await close();
    throw error;
  }
}

function workerEnv(config: Config, root: string, suffix: string, parseThreads: number): NodeJS.ProcessEnv {
  return {
    ...servicesEnv(config),
    NEO4J_USERNAME: config.neo4j.username,
    NEO4J_PASSWORD: config.neo4j.password,
    NEO4J_DATABASE: config.neo4j.database,
    GITHUB_APP_ID: config.github.appId ?? '',
    GITHUB_APP_PRIVATE_KEY: config.github.privateKey ?? '',
    GITHUB_API_URL: config.github.apiUrl,
    REPOGRAPH_WORK_DIR: path.join(root, 'clones'),
    REPOGRAPH_MIRROR_DIR: path.join(root, 'mirrors'),
    REPOGRAPH_WORKER_ID: `soak-${suffix}`,
    PARSE_THREADS: String(parseThreads),
    LOG_LEVEL: 'INFO',
  };
}
