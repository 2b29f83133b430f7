import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const held = new Map<string, Promise<void>>();

// A holder signs its lock right after creating it; a lock still unsigned after this long lost its holder in
// between (a crash, a full disk), and nobody else could ever take it over.
const UNSIGNED_STALE_MS = 60_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function tryTake(lockDir: string): Promise<boolean> {
  try {
    await mkdir(lockDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // A lock whose holder died on this host is taken over; one held elsewhere is waited for.
    const owner = await readFile(path.join(lockDir, 'owner'), 'utf8').catch(() => '');
    const [host, pidText] = owner.split(' ');
    const deadHolder = host === os.hostname() && pidText != null && !alive(Number(pidText));
    const unsigned =
      owner === '' && Date.now() - ((await stat(lockDir).catch(() => null))?.mtimeMs ?? Date.now()) > UNSIGNED_STALE_MS;
    if (deadHolder || unsigned) {
      await rm(lockDir, { recursive: true, force: true });
      return tryTake(lockDir);
    }
    return false;
  }
  await writeFile(path.join(lockDir, 'owner'), `${os.hostname()} ${process.pid}`);
  return true;
}

/**
 * Runs `fn` holding an exclusive lock named by `lockDir`: one holder at a time in this process (a promise
 * chain) and across processes of this host (an atomic `mkdir`, taken over when its holder died or never signed
 * it). Waits with growing pauses; `signal` aborts the wait.
 */
export async function withDirLock<T>(lockDir: string, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const previous = held.get(lockDir) ?? Promise.resolve();
  let release: () => void = () => undefined;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const chain = previous.then(() => mine);
  held.set(lockDir, chain);
  try {
    await previous;
    for (let wait = 50; !(await tryTake(lockDir)); wait = Math.min(1000, wait * 2)) {
      signal?.throwIfAborted();
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    try {
      return await fn();
    } finally {
      await rm(lockDir, { recursive: true, force: true });
    }
  } finally {
    release();
    if (held.get(lockDir) === chain) held.delete(lockDir);
  }
}

/**
 * Runs `fn` holding the lock named by `lockDir` only if nobody holds it now (in this process or another);
 * returns whether it ran. For work that must not wait, such as evicting a cache entry that may be in use.
 */
export async function withDirLockIfFree(lockDir: string, fn: () => Promise<void>): Promise<boolean> {
  if (held.has(lockDir) || !(await tryTake(lockDir))) return false;
  try {
    await fn();
    return true;
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}
