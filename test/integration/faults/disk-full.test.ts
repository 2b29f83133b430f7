import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorType } from '../../../src/shared/errors.js';
import { commitFiles, createFixtureRepo } from '../workflow/fixture-repo.js';
import { activityAttempts, startFaultEnv, type FaultEnv } from './fault-env.js';

/** About 3 MB of Python across 30 modules: more than the 1 MB work filesystem holds. */
function bigModules(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let m = 0; m < 30; m++) {
    const body = Array.from({ length: 2000 }, (_, i) => `VALUE_${m}_${i} = "${'x'.repeat(20)}"\n`).join('');
    files[`big/mod${m}.py`] = body;
  }
  return files;
}

/** Mounts a 1 MB tmpfs at `dir`; false where mounting is not allowed (not root, no CAP_SYS_ADMIN). */
function mountSmallFs(dir: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=0755', 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('a full disk in the work directory', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'rg-diskfull-'));
  const repoDir = path.join(root, 'repo');
  const workDir = path.join(root, 'small-fs');
  let mounted = false;
  let env: FaultEnv | undefined;

  beforeAll(async () => {
    createFixtureRepo(repoDir);
    commitFiles(repoDir, bigModules(), 'big modules');
    mkdirSync(workDir);
    mounted = mountSmallFs(workDir);
    if (mounted) env = await startFaultEnv('diskfull', { repoDir, workDir });
  });

  afterAll(async () => {
    await env?.close();
    if (mounted) execFileSync('umount', [workDir]);
    rmSync(root, { recursive: true, force: true });
  });

  it('fails the run at once with a message that says what to do, and leaves no clone behind', async (ctx) => {
    if (!mounted) ctx.skip('mounting a small tmpfs needs root; run the suite as root to cover this fault');
    const handle = await env!.start();
    const error = await handle.result().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowFailedError);
    const failure = (error as WorkflowFailedError).cause;
    expect(failure?.message).toMatch(/^Step clone failed: No space left on device .*ENOSPC/);
    expect(failure?.message).toContain('To fix this problem, free space on that filesystem or point REPOGRAPH_WORK_DIR');
    const types: unknown[] = [];
    for (let e: unknown = failure; e instanceof Error; e = e.cause) if (e instanceof ApplicationFailure) types.push(e.type);
    expect(types).toContain(ErrorType.DiskFull);
    const clones = (await activityAttempts(handle)).filter((a) => a.type === 'cloneRepo');
    expect(clones).toEqual([{ type: 'cloneRepo', attempt: 1 }]);
    expect(readdirSync(workDir)).toEqual([]);
  });
});
