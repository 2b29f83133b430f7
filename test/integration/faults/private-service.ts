import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from '../../helpers/serve-process.js';

const STACK = fileURLToPath(new URL('../../../scripts/stack', import.meta.url));
const run = promisify(execFile);

/** A service a fault test may stop and start: `scripts/stack` runs it on ports and in a data dir of its own. */
export type ServiceKind = 'temporal' | 'neo4j' | 'postgres';

/**
 * A private instance of one of the stack's services, started by `scripts/stack` with other ports and a data dir
 * of its own (the built binaries and jars are reused from `REPOGRAPH_CACHE_DIR`), so stopping it never touches
 * the shared stack other tests run on. The data dir survives `stop()`, so `start()` brings back the same state.
 */
export interface PrivateService {
  kind: ServiceKind;
  /** The variables that point the app at this instance (`TEMPORAL_ADDRESS`, `NEO4J_URI` or `DATABASE_URL`). */
  env: Record<string, string>;
  /** Starts it (again) and waits until it is ready. */
  start(): Promise<void>;
  /** Stops it the way `scripts/stack down` does (TERM, then KILL after 30 s). */
  stop(): Promise<void>;
  /** Stops it and deletes its data dir. */
  close(): Promise<void>;
}

const alive = new Set<string>();

// A test runner that dies without running afterAll must not leave private servers behind.
process.once('exit', () => {
  for (const dataDir of alive) killRecordedProcesses(dataDir);
});

/**
 * Makes sure the services `scripts/stack` starts under `dataDir` die with this process even when it ends without
 * running its clean-up; returns the function that releases that guard once they are stopped.
 */
export function guardPrivateDataDir(dataDir: string): () => void {
  alive.add(dataDir);
  return () => alive.delete(dataDir);
}

/** Kills (SIGKILL) every process `scripts/stack` recorded under `dataDir`. */
export function killRecordedProcesses(dataDir: string): void {
  for (const pid of recordedPids(dataDir)) killQuietly(pid);
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** The pids `scripts/stack` recorded under `dataDir`: run/<service>.pid, and the postmaster's own pid file. */
function recordedPids(dataDir: string): number[] {
  const files = ['temporal', 'neo4j'].map((s) => path.join(dataDir, 'run', `${s}.pid`));
  files.push(path.join(dataDir, 'postgres', 'postmaster.pid'));
  return files
    .filter((f) => existsSync(f))
    .map((f) => Number.parseInt(readFileSync(f, 'utf8').split('\n')[0] ?? '', 10))
    .filter((pid) => Number.isInteger(pid) && pid > 0);
}

async function serviceEnv(kind: ServiceKind): Promise<Record<string, string>> {
  const port = await freePort();
  switch (kind) {
    case 'temporal':
      return { TEMPORAL_ADDRESS: `127.0.0.1:${port}`, TEMPORAL_UI_PORT: String(await freePort()) };
    case 'neo4j':
      return {
        NEO4J_URI: `bolt://127.0.0.1:${port}`,
        NEO4J_HTTP_PORT: String(await freePort()),
        NEO4J_HEAP: '512m',
        NEO4J_PAGECACHE: '128m',
      };
    case 'postgres':
      return { DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/repograph` };
  }
}

/** Starts a private `kind` on free ports in a new data dir; bounded by `timeoutMs` per start or stop. */
export async function startPrivateService(kind: ServiceKind, timeoutMs = 150_000): Promise<PrivateService> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `rg-private-${kind}-`));
  // The postgres user runs the cluster when the tests run as root: it must be able to reach the data dir.
  chmodSync(dataDir, 0o755);
  const env = await serviceEnv(kind);
  const stackEnv = { ...process.env, ...env, REPOGRAPH_DATA_DIR: dataDir };
  const stack = async (verb: 'up' | 'down') => {
    try {
      await run('bash', [STACK, verb, kind], { env: stackEnv, timeout: timeoutMs, killSignal: 'SIGKILL' });
    } catch (error) {
      const e = error as { stderr?: string; message: string };
      throw new Error(`scripts/stack ${verb} ${kind} (private, ${dataDir}) failed: ${e.stderr ?? e.message}`);
    }
  };
  alive.add(dataDir);
  try {
    await stack('up');
  } catch (error) {
    await stack('down').catch(() => undefined);
    killRecordedProcesses(dataDir);
    alive.delete(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    kind,
    env,
    start: () => stack('up'),
    stop: () => stack('down'),
    async close() {
      await stack('down').catch(() => undefined);
      killRecordedProcesses(dataDir);
      alive.delete(dataDir);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
