import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createPublicRepoSource } from '../../../src/git/repo-source.js';
import { normaliseSource, sourceName } from '../../../src/git/normalise-source.js';
import { sourceRepositoryRef } from '../../../src/git/source-repository-ref.js';
import { repoIdForGitHubRepository, repoIdForSource } from '../../../src/identity/repo-ids.js';
import { uuidV5 } from '../../../src/identity/uuid-v5.js';
import { workerTaskQueue } from '../../../src/shared/task-queues.js';
import { repoIndexingWorkflowId } from '../../../src/shared/workflow-ids.js';

describe('workflow ids and repo ids', () => {
  it('uses the GitHub repo id when there is one, as the original did', () => {
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

  it('keeps the GitHub repository ids of the first release (namespace-less UUIDv5)', () => {
    expect(repoIdForGitHubRepository(42)).toBe('cd3af0fc-6d08-5eed-88de-7b9086c14038');
    expect(repoIdForGitHubRepository(700001)).toBe('1c2f71e4-2125-5efd-b419-3dfb4c0eec49');
  });

  it('maps spellings of one remote URL to one id', () => {
    const a = normaliseSource('https://GitHub.com/Owner/Repo.git');
    const b = normaliseSource('https://github.com/Owner/Repo/');
    expect(a).toBe(b);
    expect(repoIdForSource(a)).toBe(repoIdForSource(b));
    expect(sourceName(a)).toBe('Owner/Repo');
  });

  it('maps a local path and its file:// URL to one id', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rg-src-'));
    expect(normaliseSource(dir)).toBe(normaliseSource(pathToFileURL(dir).href));
    expect(normaliseSource(`${dir}/.`)).toBe(normaliseSource(dir));
  });

  it('names the worker-specific queue after the shared one', () => {
    expect(workerTaskQueue('repo-indexing-queue', 'host-1')).toBe('repo-indexing-queue@host-1');
  });
});

describe('local paths with spaces, non-ASCII, # and %', () => {
  for (const name of ['dir with space', 'ün', 'hash#dir', 'pct%20dir', 'mix ü#%41']) {
    it(`indexes "${name}" from its path and from its file:// URL`, async () => {
      const root = mkdtempSync(path.join(os.tmpdir(), 'rg-odd-'));
      const dir = path.join(root, name, 'repo');
      mkdirSync(dir, { recursive: true });
      const normalised = normaliseSource(dir);
      expect(normalised).toBe(normaliseSource(pathToFileURL(dir).href));
      const ref = sourceRepositoryRef(normalised, 'main', 'main');
      expect(ref.github_repo_name).toBe('repo');
      // The source the clone step uses must find the same directory again.
      const source = await createPublicRepoSource(ref, null);
      expect(source.isLocal).toBe(true);
      expect(source.url).toBe(normalised.endsWith('/') ? normalised : pathToFileURL(dir).href);
      expect(sourceName(normaliseSource(path.join(root, name)))).toBe(name);
    });
  }
});
