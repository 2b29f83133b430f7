import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoIndexingWorkflowId } from '../../../src/shared/repo-indexing.js';
import { normaliseSource, sourceName, uuidV5 } from '../../../src/identity/repository-ref-for-source.js';
import { workerTaskQueue } from '../../../src/temporal/worker-task-queue.js';

describe('workflow ids and repo ids', () => {
  it('uses the GitHub repo id when there is one (parity §1.1)', () => {
    expect(repoIndexingWorkflowId({ github_repo_id: 42, repo_id: 'r', default_branch: 'main' })).toBe(
      'repo-index-42-main',
    );
  });

  it('uses the source-derived repo id otherwise', () => {
    expect(repoIndexingWorkflowId({ github_repo_id: null, repo_id: 'abc', default_branch: 'dev' })).toBe(
      'repo-index-abc-dev',
    );
  });

  it('computes RFC 4122 UUIDv5 (known vector: python.org in the DNS namespace)', () => {
    expect(uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it('maps spellings of one remote URL to one id', () => {
    const a = normaliseSource('https://GitHub.com/Owner/Repo.git');
    const b = normaliseSource('https://github.com/Owner/Repo/');
    expect(a).toBe(b);
    expect(uuidV5(a)).toBe(uuidV5(b));
    expect(sourceName(a)).toBe('Owner/Repo');
  });

  it('maps a local path and its file:// URL to one id', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rg-src-'));
    expect(normaliseSource(dir)).toBe(normaliseSource(`file://${dir}`));
    expect(normaliseSource(`${dir}/.`)).toBe(normaliseSource(dir));
  });

  it('names the worker-specific queue after the shared one', () => {
    expect(workerTaskQueue('repo-indexing-queue', 'host-1')).toBe('repo-indexing-queue@host-1');
  });
});
