/**
 * What the end-to-end benchmarks share: a corpus copied into a scratch git repository, a worker running in this
 * process on the real stack, one indexing run measured (wall time, steps, counts, peak RSS while it ran), and
 * min/median over repeats.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { readConfig, type Config } from '../../src/config/read-config.js';
import { createDatabase } from '../../src/db/database.js';
import { createGraphDriver } from '../../src/graph/create-graph-driver.js';
import { normaliseSource } from '../../src/git/normalise-source.js';
import { sourceRepositoryRef } from '../../src/git/source-repository-ref.js';
import type { RepoIndexingInput, RepositoryRef, RepoIndexingSuccess } from '../../src/shared/repo-indexing.js';
import { createTemporalClient } from '../../src/temporal/create-temporal-client.js';
import { startRepoIndexing } from '../../src/temporal/start-repo-indexing.js';
import { createWorker, createWorkerResources } from '../../src/worker.js';

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.test',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.test',
};

/** Runs git in `dir` and returns its trimmed output. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, env: GIT_ENV, maxBuffer: 1 << 28 }).toString().trim();
}

/** Copies `sources` (directories) into `dir/<basename>` or straight into `dir` for a single source. */
function copySources(sources: string[], dir: string): void {
  for (const source of sources) {
    const target = sources.length === 1 ? dir : path.join(dir, path.basename(source));
    cpSync(source, target, {
      recursive: true,
      verbatimSymlinks: true,
      filter: (src) => path.basename(src) !== '__pycache__' && path.basename(src) !== '.git',
    });
  }
  // The Go module cache is read-only; the benchmark edits files and removes the copy afterwards.
  execFileSync('chmod', ['-R', 'u+w', dir]);
}

/**
 * A scratch git repository holding a copy of `sources` in one commit on `main`, or, with `generate`, that many
 * files generated from them ({@link generatedCorpus}).
 */
export function corpusRepository(
  sources: string[],
  root: string,
  generate?: number,
): { dir: string; files: number; seconds: number } {
  const started = performance.now();
  const dir = path.join(root, 'corpus repo');
  mkdirSync(dir, { recursive: true });
  if (generate == null) copySources(sources, dir);
  else generatedCorpus(sources, generate, dir);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'snapshot');
  const files = Number(git(dir, 'ls-files', '-z').split('\0').filter(Boolean).length);
  return { dir, files, seconds: (performance.now() - started) / 1000 };
}

/**
 * Module directories of a Go module cache (`…/pkg/mod/<host>/<path>@<version>`) in a stable order, taken until
 * they hold at least `minFiles` files: a real corpus of a chosen size.
 */
export function goModuleDirs(modRoot: string, minFiles: number): { dirs: string[]; files: number } {
  const dirs: string[] = [];
  let files = 0;
  const countFiles = (dir: string): number => {
    let n = 0;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) n += countFiles(path.join(dir, entry.name));
      else if (entry.isFile()) n += 1;
    }
    return n;
  };
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (files >= minFiles) return;
      if (!entry.isDirectory() || entry.name === 'cache') continue;
      const full = path.join(dir, entry.name);
      if (entry.name.includes('@')) {
        dirs.push(full);
        files += countFiles(full);
      } else visit(full);
    }
  };
  visit(modRoot);
  return { dirs, files };
}

/** Tracked files of `dir` with one of `extensions`, spread over the tree (every k-th in sorted order). */
export function pickFiles(dir: string, extensions: string[], count: number, offset: number): string[] {
  const all = git(dir, 'ls-files', '-z')
    .split('\0')
    .filter((f) => extensions.some((e) => f.endsWith(e)) && statSync(path.join(dir, f)).size < 200_000);
  const step = Math.max(1, Math.floor(all.length / count));
  return Array.from({ length: count }, (_, i) => all[(offset * 7919 + i * step) % all.length]!);
}

/** Commits an appended function to each of `files` (a new symbol; nothing else in the repository changes). */
export function commitAppendedFunctions(dir: string, files: string[], tag: string): string {
  for (const [i, file] of files.entries()) {
    const name = `bench_${tag}_${i}`;
    const text = file.endsWith('.go')
      ? `\nfunc ${name}() int { return ${i} }\n`
      : `\n\ndef ${name}():\n    return ${i}\n`;
    appendFileSync(path.join(dir, file), text);
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', `bench ${tag}`);
  return git(dir, 'rev-parse', 'HEAD');
}

/** One measured indexing run. */
export interface MeasuredRun {
  workflowId: string;
  runId: string;
  wallSeconds: number;
  peakRssMb: number;
  result: RepoIndexingSuccess;
}

/** A worker in this process on the real stack, with a client to start runs on its own task queue. */
export interface BenchWorker {
  config: Config;
  index(repository: RepositoryRef, options: Pick<RepoIndexingInput, 'force' | 'full'>): Promise<MeasuredRun>;
  /** The Temporal history of a measured run. */
  history(run: MeasuredRun): Promise<unknown>;
  /** Removes the repository's graph and rows (the parse cache is shared and stays). */
  forget(repository: RepositoryRef): Promise<void>;
  close(): Promise<void>;
}

/** Starts a worker for the benchmarks; `root` holds its work and mirror directories. */
export async function startBenchWorker(root: string): Promise<BenchWorker> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const base = readConfig();
  const config: Config = {
    ...base,
    work: {
      ...base.work,
      workDir: path.join(root, 'work'),
      mirrorDir: path.join(root, 'mirrors'),
      workerId: `bench-${process.pid}`,
    },
  };
  const taskQueue = `repo-indexing-bench-${process.pid}`;
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const resources = await createWorkerResources(config);
  const client = await createTemporalClient(config.temporal);
  const worker = await createWorker({ config, connection, taskQueue, activityDeps: resources.activityDeps });
  const running = worker.run();
  return {
    config,
    async index(repository, options) {
      let peak = process.memoryUsage.rss();
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
      const started = performance.now();
      try {
        const run = await startRepoIndexing(
          client,
          { installation_id: null, user_id: null, repository, ...options },
          { taskQueue },
        );
        const result = await run.handle.result();
        if (result.status !== 'success') throw new Error(`expected an indexing run, got ${result.status}`);
        return {
          workflowId: run.workflowId,
          runId: run.runId,
          wallSeconds: (performance.now() - started) / 1000,
          peakRssMb: peak / 2 ** 20,
          result,
        };
      } finally {
        clearInterval(sampler);
      }
    },
    history(run) {
      return client.workflow.getHandle(run.workflowId, run.runId).fetchHistory();
    },
    async forget(repository) {
      const driver = createGraphDriver(config.neo4j);
      const db = createDatabase(config.postgres.url, 1);
      try {
        const session = driver.session({ database: config.neo4j.database });
        try {
          await session.run(
            'MATCH (n:KGNode {repo_id: $repoId}) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS',
            { repoId: repository.repo_id },
          );
        } finally {
          await session.close();
        }
        await db.deleteFrom('repositories').where('id', '=', repository.repo_id).execute();
      } finally {
        await Promise.allSettled([driver.close(), db.destroy()]);
      }
    },
    async close() {
      worker.shutdown();
      await running.catch(() => undefined);
      await resources.close();
      await connection.close();
      await client.connection.close();
    },
  };
}

/** The RepositoryRef of a scratch repository's `main`. */
export function benchRepository(dir: string): RepositoryRef {
  return sourceRepositoryRef(normaliseSource(dir), 'main', 'main');
}

/** A scratch directory for one benchmark run. */
export function scratchRoot(name: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `rg-${name}-`));
}

/** Removes a scratch directory. */
export function removeScratch(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

/** `min / median` of a list of numbers, formatted with `digits`. */
export function minMedian(values: number[], digits = 2): string {
  return `${Math.min(...values).toFixed(digits)} / ${median(values).toFixed(digits)}`;
}

/** Median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Prints `key  value` rows aligned. */
export function printRows(rows: [string, string][]): void {
  const width = Math.max(...rows.map(([k]) => k.length));
  process.stdout.write(`${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n`);
}

/**
 * A generated corpus of `files` source files: real files of `sources` copied over and over into numbered
 * directories, each copy made unique by a first-line comment, so the blobs, paths and parse work are all distinct.
 */
export function generatedCorpus(sources: string[], files: number, dir: string): number {
  const pool: { path: string; relative: string }[] = [];
  const collect = (base: string, sub: string): void => {
    for (const entry of readdirSync(path.join(base, sub), { withFileTypes: true })) {
      const relative = path.join(sub, entry.name);
      if (entry.isDirectory()) collect(base, relative);
      else if (entry.isFile() && /\.(go|py|c|h|ts|js)$/.test(entry.name)) pool.push({ path: path.join(base, relative), relative });
    }
  };
  for (const source of sources) collect(source, '');
  if (pool.length === 0) throw new Error(`no source files under ${sources.join(', ')}`);
  let bytes = 0;
  for (let i = 0; i < files; i++) {
    const file = pool[i % pool.length]!;
    const target = path.join(dir, `copy-${Math.floor(i / pool.length)}`, file.relative);
    mkdirSync(path.dirname(target), { recursive: true });
    const comment = file.relative.endsWith('.py') ? '#' : '//';
    const text = `${comment} generated copy ${i}\n${readFileSync(file.path, 'utf8')}`;
    writeFileSync(target, text);
    bytes += text.length;
  }
  return bytes;
}

/** The Go module cache the stack's Temporal build leaves (`GOMODCACHE`, else `~/go/pkg/mod`). */
export const GO_MODULE_CACHE = process.env.GOMODCACHE ?? path.join(os.homedir(), 'go', 'pkg', 'mod');

/** A slice of the Go module cache with at least `minFiles` files, as benchmark sources. */
export function goModuleCorpus(minFiles: number): { name: string; sources: string[] } {
  if (!existsSync(GO_MODULE_CACHE))
    throw new Error(`no Go module cache at ${GO_MODULE_CACHE}; \`npm run stack up\` builds Temporal and leaves one`);
  const { dirs, files } = goModuleDirs(GO_MODULE_CACHE, minFiles);
  return { name: `Go modules (${dirs.length} modules, ${files} files)`, sources: dirs };
}
