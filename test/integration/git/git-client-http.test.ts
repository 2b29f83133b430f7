import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyGitError } from '../../../src/git/classify-git-error.js';
import { checkoutCommit, resolveBranchHead, resolveDefaultBranch } from '../../../src/git/git-client.js';
import type { RepoSource } from '../../../src/git/repo-source.js';
import { ErrorType } from '../../../src/shared/errors.js';
import {
  commitFiles,
  createBareRepository,
  startGitHttpServer,
  type GitHttpServer,
} from '../../helpers/git-http-server.js';

// The clone path over smart HTTP (what public URLs and the GitHub App source use), against git-http-backend.
describe('git client over smart HTTP', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'rg-git-http-'));
  const TOKEN = 'ghs_test_token_123';
  let server: GitHttpServer;
  let sha: string;

  const source = (repo: string, token: string | null): RepoSource => ({
    url: `${server.url}/acme/${repo}.git`,
    isLocal: false,
    gitConfig: async (): Promise<Record<string, string>> =>
      token == null
        ? {}
        : { 'http.extraHeader': `Authorization: Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}` },
  });

  beforeAll(async () => {
    const bare = createBareRepository(path.join(root, 'srv'), 'acme/widgets', 'trunk');
    commitFiles(bare, 'trunk', { 'a.py': 'def a():\n    return 1\n' }, 'one');
    sha = commitFiles(bare, 'trunk', { 'b.py': 'def b():\n    return 2\n' }, 'two');
    server = await startGitHttpServer(path.join(root, 'srv'), (t) => t === TOKEN);
  });
  afterAll(async () => {
    await server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('resolves the default branch and its head, and checks out exactly that commit, shallow', async () => {
    expect(await resolveDefaultBranch(source('widgets', TOKEN), root)).toBe('trunk');
    expect(await resolveBranchHead(source('widgets', TOKEN), 'trunk', root)).toBe(sha);
    const dir = path.join(root, 'checkout');
    await checkoutCommit(source('widgets', TOKEN), sha, dir);
    expect(readFileSync(path.join(dir, 'b.py'), 'utf8')).toContain('def b');
    expect(existsSync(path.join(dir, '.git', 'shallow'))).toBe(true);
    expect(readFileSync(path.join(dir, '.git', 'config'), 'utf8')).not.toContain(TOKEN);
    expect(server.requests.every((r) => !r.url.includes(TOKEN))).toBe(true);
  });

  it('classifies refused credentials, a missing repository and a missing branch as permanent', async () => {
    const noAuth = await resolveBranchHead(source('widgets', null), 'trunk', root).catch((e: unknown) => e);
    expect(classifyGitError(noAuth)).toMatchObject({ type: ErrorType.AuthenticationFailed, nonRetryable: true });
    const missingRepo = await resolveBranchHead(source('nope', TOKEN), 'trunk', root).catch((e: unknown) => e);
    expect(classifyGitError(missingRepo)).toMatchObject({ type: ErrorType.RepoNotFound, nonRetryable: true });
    const missingBranch = await resolveBranchHead(source('widgets', TOKEN), 'main', root).catch((e: unknown) => e);
    expect(classifyGitError(missingBranch)).toMatchObject({ type: ErrorType.BranchNotFound, nonRetryable: true });
  });

  it('treats an unreachable host as retryable', async () => {
    const down: RepoSource = { url: 'http://127.0.0.1:9/x.git', isLocal: false, gitConfig: async () => ({}) };
    const error = await resolveBranchHead(down, 'trunk', root).catch((e: unknown) => e);
    expect(classifyGitError(error)).toMatchObject({ type: ErrorType.Transient, nonRetryable: false });
  });
});
