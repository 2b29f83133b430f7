import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitHubRequest } from '../../../src/github/create-github-request.js';
import { createInstallationToken } from '../../../src/github/create-installation-token.js';
import { getRepository, resolveBranchHead } from '../../../src/github/get-repository.js';
import type { GitHubAppCredentials } from '../../../src/github/github-app-credentials.js';
import { listInstallationRepositories } from '../../../src/github/list-installation-repositories.js';
import {
  generateAppKeyPair,
  startGitHubStandIn,
  type GitHubStandIn,
  type StandInRepository,
} from '../../helpers/github-stand-in.js';

const repos: StandInRepository[] = Array.from({ length: 130 }, (_, i) => ({
  id: 1000 + i,
  full_name: `acme/repo-${i}`,
  default_branch: i === 0 ? 'trunk' : 'main',
  private: i % 2 === 0,
  clone_url: `http://git.invalid/acme/repo-${i}.git`,
}));

describe('installation tokens and REST calls against the GitHub stand-in', () => {
  const keys = generateAppKeyPair();
  let standIn: GitHubStandIn;
  let credentials: GitHubAppCredentials;

  beforeAll(async () => {
    standIn = await startGitHubStandIn({
      appId: '4242',
      publicKey: keys.publicKey,
      installations: new Map([
        [7, repos],
        [8, []],
      ]),
      branchHead: async (name, branch) => (name === 'acme/repo-0' && branch === 'trunk' ? 'a'.repeat(40) : null),
    });
    credentials = { appId: '4242', privateKey: keys.privateKey, apiUrl: `${standIn.url}/` };
  });
  afterAll(() => standIn.close());

  it('mints a fresh token per call with a JWT signed by the App key and back-dated for clock skew', async () => {
    const first = await createInstallationToken(credentials, 7);
    const second = await createInstallationToken(credentials, 7);
    expect(first).toMatch(/^ghs_/);
    expect(second).not.toBe(first);
    expect(standIn.tokens).toEqual(expect.arrayContaining([first, second]));
    const jwt = standIn.jwts.at(-1)!;
    expect(jwt.iss).toBe('4242');
    expect(jwt.receivedAt - jwt.iat).toBeGreaterThanOrEqual(29);
    expect(jwt.exp - jwt.iat).toBeLessThanOrEqual(600);
  });

  it('rejects a JWT signed by another key as a permanent InstallationRevoked failure', async () => {
    const other = generateAppKeyPair();
    const error = await createInstallationToken({ ...credentials, privateKey: other.privateKey }, 7).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect((error as ApplicationFailure).type).toBe('InstallationRevoked');
    expect((error as ApplicationFailure).nonRetryable).toBe(true);
  });

  it('fails permanently for an unknown installation and names the fix', async () => {
    const error = (await createInstallationToken(credentials, 999).catch((e: unknown) => e)) as ApplicationFailure;
    expect(error.type).toBe('InstallationRevoked');
    expect(error.nonRetryable).toBe(true);
    expect(error.message).toContain('To fix this problem');
  });

  it('lists every page of the installation repositories with their real default branches', async () => {
    const token = await createInstallationToken(credentials, 7);
    const listed = await listInstallationRepositories(createGitHubRequest(credentials.apiUrl, token));
    expect(listed).toHaveLength(130);
    expect(listed[0]).toEqual({
      github_repo_id: 1000,
      full_name: 'acme/repo-0',
      default_branch: 'trunk',
      private: true,
      clone_url: 'http://git.invalid/acme/repo-0.git',
    });
    expect(new Set(listed.map((r) => r.github_repo_id)).size).toBe(130);
  });

  it('reads a repository and its branch head, and classifies a missing branch as RepoNotFound', async () => {
    const request = createGitHubRequest(credentials.apiUrl, await createInstallationToken(credentials, 7));
    expect((await getRepository(request, 'acme/repo-0')).default_branch).toBe('trunk');
    expect(await resolveBranchHead(request, 'acme/repo-0', 'trunk')).toBe('a'.repeat(40));
    const error = (await resolveBranchHead(request, 'acme/repo-0', 'nope').catch(
      (e: unknown) => e,
    )) as ApplicationFailure;
    expect(error.type).toBe('RepoNotFound');
    expect(error.nonRetryable).toBe(true);
  });

  it('treats a token of a revoked installation as InstallationRevoked, not retried', async () => {
    const token = await createInstallationToken(credentials, 8);
    standIn.revoke(8);
    const error = (await listInstallationRepositories(createGitHubRequest(credentials.apiUrl, token)).catch(
      (e: unknown) => e,
    )) as ApplicationFailure;
    expect(error.type).toBe('InstallationRevoked');
    expect(error.nonRetryable).toBe(true);
    expect(error.message).not.toContain(token);
  });
});
