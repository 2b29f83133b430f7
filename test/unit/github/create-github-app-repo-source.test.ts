import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutCommit, resolveBranchHead } from '../../../src/git/git-client.js';
import { createPublicRepoSource } from '../../../src/git/repo-source.js';
import { readConfig } from '../../../src/config/read-config.js';
import { createGitHubAppRepoSource, gitHubWebUrl } from '../../../src/github/create-github-app-repo-source.js';
import type { RepositoryRef } from '../../../src/shared/repo-indexing.js';
import {
  commitFiles,
  createBareRepository,
  startGitHttpServer,
  type GitHttpServer,
} from '../../helpers/git-http-server.js';
import { generateAppKeyPair, startGitHubStandIn, type GitHubStandIn } from '../../helpers/github-stand-in.js';

describe('GitHub App repo source: private clone through git smart HTTP with installation tokens', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'repograph-app-source-'));
  const keys = generateAppKeyPair();
  let github: GitHubStandIn;
  let git: GitHttpServer;
  let sha: string;
  let repository: RepositoryRef;

  beforeAll(async () => {
    const bare = createBareRepository(path.join(dir, 'srv'), 'acme/private-lib', 'trunk');
    sha = commitFiles(bare, 'trunk', { 'lib.py': 'def f():\n    return 1\n' }, 'first');
    git = await startGitHttpServer(path.join(dir, 'srv'), (token) => github.isValidToken(token));
    const cloneUrl = `${git.url}/acme/private-lib.git`;
    github = await startGitHubStandIn({
      appId: '77',
      publicKey: keys.publicKey,
      installations: new Map([
        [5, [{ id: 1, full_name: 'acme/private-lib', default_branch: 'trunk', private: true, clone_url: cloneUrl }]],
      ]),
    });
    repository = {
      github_repo_name: 'acme/private-lib',
      github_repo_id: 1,
      repo_id: '00000000-0000-4000-8000-000000000001',
      repo_url: cloneUrl,
      commit_sha: null,
      default_branch: 'trunk',
    };
  });
  afterAll(async () => {
    await git.close();
    await github.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const factory = () =>
    createGitHubAppRepoSource(
      readConfig({ GITHUB_APP_ID: '77', GITHUB_APP_PRIVATE_KEY: keys.privateKey, GITHUB_API_URL: github.url }).github,
      createPublicRepoSource,
    );

  it('resolves the branch head and checks out the commit, minting a fresh token for each step', async () => {
    const source = await factory()(repository, 5);
    expect(source.url).toBe(repository.repo_url);
    expect(await resolveBranchHead(source, 'trunk', dir)).toBe(sha);
    const checkout = path.join(dir, 'checkout');
    await checkoutCommit(source, sha, checkout);
    expect(readFileSync(path.join(checkout, 'lib.py'), 'utf8')).toContain('def f()');
    expect(github.tokens.length).toBe(2);
    const gitConfig = readFileSync(path.join(checkout, '.git', 'config'), 'utf8');
    for (const token of github.tokens) {
      expect(gitConfig).not.toContain(token);
      expect(git.requests.some((r) => r.url.includes(token))).toBe(false);
    }
    expect(git.requests.some((r) => r.status === 200)).toBe(true);
  });

  it('without a token git is refused, as for a private repository on github.com', async () => {
    const publicSource = await createPublicRepoSource(repository, null);
    await expect(resolveBranchHead(publicSource, 'trunk', dir)).rejects.toThrow(/401/);
  });

  it('a revoked installation fails with a non-retryable InstallationRevoked', async () => {
    github.revoke(5);
    const source = await factory()(repository, 5);
    await expect(source.gitConfig()).rejects.toMatchObject({ type: 'InstallationRevoked', nonRetryable: true });
  });

  it('leaves repositories without an installation to the fallback source', async () => {
    const source = await factory()({ ...repository, repo_url: dir }, null);
    expect(source.isLocal).toBe(true);
  });

  it('derives the clone base from the API URL (github.com and GitHub Enterprise Server)', async () => {
    expect(gitHubWebUrl('https://api.github.com')).toBe('https://github.com');
    expect(gitHubWebUrl('https://ghe.example.com/api/v3')).toBe('https://ghe.example.com');
    expect(gitHubWebUrl('https://ghe.example.com/api/v3/')).toBe('https://ghe.example.com');
    const ghe = createGitHubAppRepoSource(
      readConfig({
        GITHUB_APP_ID: '77',
        GITHUB_APP_PRIVATE_KEY: keys.privateKey,
        GITHUB_API_URL: 'https://ghe.example.com/api/v3',
      }).github,
      createPublicRepoSource,
    );
    expect((await ghe({ ...repository, repo_url: '' }, 5)).url).toBe('https://ghe.example.com/acme/private-lib.git');
  });
});
