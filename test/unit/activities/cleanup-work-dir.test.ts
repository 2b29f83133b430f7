import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import type { ActivityDeps } from '../../../src/activities/activity-deps.js';
import { createCleanupWorkDir } from '../../../src/activities/cleanup-work-dir.js';
import { readConfig } from '../../../src/config/read-config.js';

function depsFor(workDir: string): ActivityDeps {
  return { config: readConfig({ REPOGRAPH_WORK_DIR: workDir }) } as ActivityDeps;
}

describe('cleanupWorkDir', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'rg-clean-'));
  const cleanup = createCleanupWorkDir(depsFor(root));
  const env = new MockActivityEnvironment();

  it('removes a run directory under the work root, then reports it absent', async () => {
    const dir = path.join(root, 'repo-abc-run1');
    mkdirSync(path.join(dir, 'checkout'), { recursive: true });
    writeFileSync(path.join(dir, 'parsed.ndjson'), '{}\n');
    expect(await env.run(cleanup, { work_dir: dir })).toEqual({ status: 'cleaned' });
    expect(existsSync(dir)).toBe(false);
    expect(await env.run(cleanup, { work_dir: dir })).toEqual({ status: 'absent' });
  });

  it.each([
    ['the root itself', () => root],
    ['a path outside the root', () => path.join(os.tmpdir(), 'elsewhere')],
    ['a nested path', () => path.join(root, 'a', 'b')],
    ['a path escaping with ..', () => path.join(root, '..', 'x')],
  ])('refuses %s, permanently', async (_name, target) => {
    await expect(env.run(cleanup, { work_dir: target() })).rejects.toMatchObject({
      type: 'InvalidInput',
      nonRetryable: true,
    });
  });
});
