import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityDeps } from '../../../src/activities/activity-deps.js';
import { createCloneRepo } from '../../../src/activities/clone-repo.js';
import { runFile } from '../../../src/activities/run-files.js';
import { readConfig } from '../../../src/config/read-config.js';
import { MirrorCache } from '../../../src/git/mirror-cache.js';
import { createPublicRepoSource } from '../../../src/git/repo-source.js';
import type { CloneInput, CloneResult } from '../../../src/shared/indexing-steps.js';
import { commitFiles, createBareRepository } from '../../helpers/git-http-server.js';
import { testConfig } from '../../helpers/services.js';
import { createTestDatabase, type TestDatabase } from '../db/test-database.js';

// The clone step on a real mirror and a real parse cache (its own PostgreSQL database): the checkout holds
// exactly the commit's files, and a mirror that has the commit but cannot be read is cloned afresh once. The
// source is a bare repository on disk, presented as a remote one (objects are fetched into the mirror), except
// in the last test, which takes it as the local repository it is (objects are borrowed).
describe('clone step from the mirror cache', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'rg-clone-mirror-'));
  let testDb: TestDatabase;
  let bare: string;
  let sha: string;
  let deps: ActivityDeps;
  const env = new MockActivityEnvironment();
  const clone = (i: CloneInput): Promise<CloneResult> => env.run(createCloneRepo(deps), i);
  const REPO_ID = '00000000-0000-4000-8000-00000000c10e';
  const FILES = {
    'app/main.py': 'from lib.util import helper\n\n\ndef run():\n    return helper()\n',
    'lib/util.py': 'def helper():\n    return 1\n',
    'web/index.ts': 'export const x = 1;\n',
    'README.md': '# demo\n',
    'image.png': '\x89PNG',
  };

  const input = (commit: string, runKey: string): CloneInput => ({
    installation_id: null,
    repository: {
      github_repo_name: 'acme/demo',
      github_repo_id: null,
      repo_id: REPO_ID,
      repo_url: bare,
      commit_sha: commit,
      default_branch: 'main',
    },
    commit_sha: commit,
    run_key: runKey,
    full: false,
    event_context: {
      workflow_id: 'wf',
      workflow_run_id: runKey,
      workflow_type: 'repo_indexing',
      user_id: null,
      repo_id: REPO_ID,
      branch: 'main',
      installation_id: null,
    },
  });

  beforeAll(async () => {
    testDb = await createTestDatabase();
    bare = createBareRepository(path.join(root, 'remotes'), 'acme/demo', 'main');
    sha = commitFiles(bare, 'main', FILES, 'initial');
    const config = readConfig({
      ...process.env,
      DATABASE_URL: testConfig.postgres.url,
      REPOGRAPH_WORK_DIR: path.join(root, 'work'),
      REPOGRAPH_MIRROR_DIR: path.join(root, 'mirrors'),
    });
    deps = {
      config,
      db: testDb.db,
      repoSource: async (repository, installationId) => ({
        ...(await createPublicRepoSource(repository, installationId)),
        isLocal: false,
      }),
      mirrors: new MirrorCache({ root: config.work.mirrorDir, maxBytes: config.work.mirrorMaxBytes }),
    } as ActivityDeps;
  });
  afterAll(async () => {
    await testDb?.drop();
    rmSync(root, { recursive: true, force: true });
  });

  const checkedOut = (workDir: string): Record<string, string> => {
    const dir = runFile(workDir, 'checkout');
    return Object.fromEntries(
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => {
          const file = path.join(e.parentPath, e.name);
          return [path.relative(dir, file), readFileSync(file, 'utf8')];
        }),
    );
  };

  it('clones on first use and checks out every file to parse, with the commit’s content', async () => {
    const result = await clone(input(sha, 'run-1'));
    expect(result).toMatchObject({ commit_sha: sha, mirror: 'cloned', files: 5, files_to_parse: 4 });
    expect(checkedOut(result.work_dir)).toEqual(
      Object.fromEntries(Object.entries(FILES).filter(([p]) => p !== 'image.png')),
    );
  });

  it('clones afresh when the mirror has the commit but one of its blobs is gone', async () => {
    const gitDir = deps.mirrors.gitDirOf(await deps.repoSource(input(sha, 'x').repository, null));
    const oid = execFileSync('git', ['--git-dir', gitDir, 'rev-parse', `${sha}:lib/util.py`])
      .toString()
      .trim();
    // Small fetches arrive as loose objects; losing one leaves the commit and its trees readable.
    unlinkSync(path.join(gitDir, 'objects', oid.slice(0, 2), oid.slice(2)));
    const result = await clone(input(sha, 'run-2'));
    expect(result.mirror).toBe('cloned');
    expect(checkedOut(result.work_dir)['lib/util.py']).toBe(FILES['lib/util.py']);
    expect(existsSync(path.join(gitDir, 'objects', oid.slice(0, 2), oid.slice(2)))).toBe(true);
  });

  it('fails on a commit the host does not have, and leaves no work dir behind', async () => {
    const missing = 'e'.repeat(40);
    await expect(clone(input(missing, 'run-3'))).rejects.toThrow();
    expect(readdirSync(deps.config.work.workDir).filter((d) => d.includes('run-3'))).toEqual([]);
    // An unknown commit is the host's answer, not damage: the mirror stays as it was.
    expect((await clone(input(sha, 'run-4'))).mirror).toBe('up-to-date');
  });

  it('borrows the objects of a repository on this machine instead of copying them', async () => {
    const local: ActivityDeps = { ...deps, repoSource: createPublicRepoSource };
    const localClone = (i: CloneInput): Promise<CloneResult> => env.run(createCloneRepo(local), i);
    const localBare = createBareRepository(path.join(root, 'local'), 'acme/local', 'main');
    const at = (commit: string, runKey: string): CloneInput => {
      const base = input(commit, runKey);
      return { ...base, repository: { ...base.repository, repo_url: localBare } };
    };
    const first = commitFiles(localBare, 'main', FILES, 'initial');
    const cloned = await localClone(at(first, 'run-5'));
    expect(cloned).toMatchObject({ mirror: 'cloned', files_to_parse: 4 });
    expect(checkedOut(cloned.work_dir)['lib/util.py']).toBe(FILES['lib/util.py']);
    const gitDir = deps.mirrors.gitDirOf(await createPublicRepoSource(at(first, 'x').repository, null));
    expect(readFileSync(path.join(gitDir, 'objects', 'info', 'alternates'), 'utf8').trim()).toBe(
      path.join(localBare, 'objects'),
    );
    const copied = readdirSync(path.join(gitDir, 'objects'), { recursive: true, withFileTypes: true }).filter(
      (e) => e.isFile() && path.basename(e.parentPath) !== 'info',
    );
    expect(copied).toEqual([]);
    // A new commit of the source is readable at once: nothing needs to be fetched.
    const next = commitFiles(localBare, 'main', { 'lib/util.py': 'def helper():\n    return 2\n' }, 'second');
    const second = await localClone(at(next, 'run-6'));
    expect(second.mirror).toBe('up-to-date');
    expect(checkedOut(second.work_dir)['lib/util.py']).toBe('def helper():\n    return 2\n');
  });
});
