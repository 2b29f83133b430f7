import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withDirLock, withDirLockIfFree } from '../../../src/git/dir-lock.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'rg-dir-lock-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('withDirLock', () => {
  it('takes over a lock without an owner once it is old: its holder died between creating it and signing it', async () => {
    const lockDir = path.join(root, 'm.git.lock');
    mkdirSync(lockDir);
    const old = new Date(Date.now() - 10 * 60_000);
    utimesSync(lockDir, old, old);
    expect(await withDirLock(lockDir, async () => 'ran', AbortSignal.timeout(5_000))).toBe('ran');
  });

  it('waits for a fresh lock without an owner: its holder may be signing it right now', async () => {
    const lockDir = path.join(root, 'm.git.lock');
    mkdirSync(lockDir);
    let ran = false;
    const running = withDirLock(lockDir, async () => (ran = true), AbortSignal.timeout(10_000));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(ran).toBe(false);
    rmSync(lockDir, { recursive: true });
    expect(await running).toBe(true);
  });
});

describe('withDirLockIfFree', () => {
  it('runs only when nobody holds the lock, in this process or in another, and releases it after', async () => {
    const lockDir = path.join(root, 'm.git.lock');
    let inside: boolean | null = null;
    const holding = withDirLock(lockDir, async () => {
      inside = await withDirLockIfFree(lockDir, async () => undefined);
    });
    await holding;
    expect(inside).toBe(false);

    mkdirSync(lockDir);
    writeFileSync(path.join(lockDir, 'owner'), `${os.hostname()} ${process.pid}`);
    expect(await withDirLockIfFree(lockDir, async () => undefined)).toBe(false);
    rmSync(lockDir, { recursive: true });

    let ran = false;
    expect(await withDirLockIfFree(lockDir, async () => void (ran = true))).toBe(true);
    expect(ran).toBe(true);
    expect(existsSync(lockDir)).toBe(false);
  });
});
