import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultPayloadConverter } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_SCOPES, type Config } from '../../../src/config/read-config.js';
import { normaliseSource } from '../../../src/git/normalise-source.js';
import { repoIdForGitHubRepository, repoIdForSource } from '../../../src/identity/repo-ids.js';
import type { RepoIndexingInput, RepoIndexingSuccess } from '../../../src/shared/repo-indexing.js';
import { startRepographServer, type RunningServer } from '../../../src/server.js';
import { commitFiles } from '../../helpers/git-http-server.js';
import { startGitHubStandInEnv, type GitHubStandInEnv, type StandInRepo } from '../../helpers/github-stand-in-env.js';
import { uniqueSuffix } from '../../helpers/services.js';
import { createFixtureRepo } from '../workflow/fixture-repo.js';

interface IndexReply {
  detail?: string;
  repositories?: { workflow_id: string; status: string }[];
}

describe('POST /api/index authorisation: the server derives what a request may index (real server, Temporal, git)', () => {
  let env: GitHubStandInEnv;
  let server: RunningServer;
  let localServer: RunningServer;
  let owned: StandInRepo;
  let other: StandInRepo;
  const suffix = uniqueSuffix();
  const tokens = { admin: `admin-${suffix}`, reader: `reader-${suffix}`, indexer: `indexer-${suffix}` };

  const serverConfig = (base: Config, allowLocal: boolean): Config => ({
    ...base,
    server: {
      ...base.server,
      port: 0,
      apiClients: [
        { name: 'admin', token: tokens.admin, scopes: API_SCOPES },
        { name: 'reader', token: tokens.reader, scopes: ['read'] },
        { name: 'indexer', token: tokens.indexer, scopes: ['index'] },
      ],
      apiAllowLocalSources: allowLocal,
      apiSourceHosts: ['github.com'],
    },
  });

  beforeAll(async () => {
    env = await startGitHubStandInEnv(
      [
        { name: 'owned-lib', defaultBranch: 'trunk' },
        { name: 'other-lib', defaultBranch: 'main' },
      ],
      { server: false },
    );
    [owned, other] = env.repos as [StandInRepo, StandInRepo];
    commitFiles(owned.bareDir, 'trunk', { 'owned.py': 'def owned():\n    return 1\n' }, 'owned');
    commitFiles(other.bareDir, 'main', { 'other.py': 'def other():\n    return 2\n' }, 'other');

    server = await startRepographServer(serverConfig(env.config, false));

    localServer = await startRepographServer(serverConfig(env.config, true));
  });
  afterAll(async () => {
    await server?.close();
    await localServer?.close();
    if (env == null) return;
    await env.graph.executeQuery(
      'MATCH (n:KGNode) WHERE n.repo_id IN $ids DETACH DELETE n',
      { ids: [owned, other].map((r) => repoIdForGitHubRepository(r.id)) },
      { database: env.config.neo4j.database },
    );
    await env.close();
  });

  const post = async (body: unknown, token = tokens.admin, at = server) => {
    const response = await fetch(`${at.url}/api/index`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as IndexReply };
  };
  const runsOf = async (workflowId: string) => (await env.client.workflow.count(`WorkflowId = '${workflowId}'`)).count;
  const ownedRequest = (extra: Record<string, unknown> = {}) => ({
    installation_id: env.installationId,
    repositories: [{ github_repo_name: owned.full_name, default_branch: 'trunk', ...extra }],
  });
  const ownedWorkflowId = () => `repo-index-${owned.id}-trunk`;

  it('indexes an installation repository under the id the server derives from GitHub', async () => {
    const { status, body } = await post(ownedRequest());
    expect(status).toBe(200);
    expect(body.repositories?.[0]).toMatchObject({ workflow_id: ownedWorkflowId(), status: 'started' });
    const result = (await env.client.workflow.getHandle(ownedWorkflowId()).result()) as RepoIndexingSuccess;
    expect(result).toMatchObject({ status: 'success' });
    const row = await env.db.db
      .selectFrom('repositories')
      .select(['github_repo_id', 'github_repo_name'])
      .where('id', '=', repoIdForGitHubRepository(owned.id))
      .executeTakeFirst();
    expect(row).toEqual({ github_repo_id: owned.id, github_repo_name: owned.full_name });
  });

  it("refuses a request naming another repository's repo_id or GitHub id, and leaves that repository alone", async () => {
    const before = await env.db.db
      .selectFrom('repositories')
      .selectAll()
      .where('id', '=', repoIdForGitHubRepository(owned.id))
      .executeTakeFirstOrThrow();
    const runsBefore = await runsOf(ownedWorkflowId());
    const hijack = await post({
      installation_id: env.installationId,
      repositories: [{ github_repo_name: other.full_name, repo_id: before.id, default_branch: 'trunk' }],
    });
    expect(hijack.status).toBe(400);
    expect(hijack.body.detail).toContain('repo_id');
    const wrongGitHubId = await post({
      installation_id: env.installationId,
      repositories: [{ github_repo_name: other.full_name, github_repo_id: owned.id, default_branch: 'trunk' }],
    });
    expect(wrongGitHubId.status).toBe(400);
    const foreignUrl = await post(ownedRequest({ repo_url: 'https://evil.example/owned-lib.git' }));
    expect(foreignUrl.status).toBe(400);
    const plainWithId = await post({ repositories: [{ github_repo_name: other.full_name, repo_id: before.id }] });
    expect(plainWithId.status).toBe(400);

    expect(await runsOf(ownedWorkflowId())).toBe(runsBefore);
    expect(await runsOf(`repo-index-${other.id}-trunk`)).toBe(0);
    const after = await env.db.db.selectFrom('repositories').selectAll().where('id', '=', before.id).executeTakeFirst();
    expect(after).toEqual(before);
  });

  it('refuses local paths and file:// URLs unless API_ALLOW_LOCAL_SOURCES is set', async () => {
    const repoDir = path.join(env.config.work.workDir, '..', `local-${suffix}`);
    mkdirSync(repoDir, { recursive: true });
    createFixtureRepo(repoDir);
    for (const repoUrl of [pathToFileURL(repoDir).toString(), repoDir]) {
      const refused = await post({ repositories: [{ repo_url: repoUrl }] });
      expect(refused.status).toBe(403);
      expect(refused.body.detail).toContain('API_ALLOW_LOCAL_SOURCES');
    }
    // With the setting on, the same kind of source gets past the policy (a missing path is then a 400).
    const missing = await post({ repositories: [{ repo_url: `${repoDir}-missing` }] }, tokens.admin, localServer);
    expect(missing.status).toBe(400);
    expect(missing.body.detail).toMatch(/does not exist/);
    expect(await runsOf(`repo-index-${repoIdForSource(normaliseSource(repoDir))}-main`)).toBe(0);
  });

  it('refuses URL sources on hosts outside API_SOURCE_HOSTS', async () => {
    for (const repoUrl of ['https://internal.example/team/repo.git', 'http://127.0.0.1:9/x.git', owned.clone_url]) {
      const refused = await post({ repositories: [{ repo_url: repoUrl }] });
      expect(refused.status).toBe(403);
      expect(refused.body.detail).toContain('API_SOURCE_HOSTS');
    }
  });

  it('answers 401 for an unknown token and 403 for a client without the scope', async () => {
    expect((await post(ownedRequest(), `unknown-${suffix}`)).status).toBe(401);
    const reader = await post(ownedRequest(), tokens.reader);
    expect(reader.status).toBe(403);
    expect(reader.body.detail).toContain('index scope');
    const status = (token: string) =>
      fetch(`${server.url}/api/workflows/${ownedWorkflowId()}`, { headers: { authorization: `Bearer ${token}` } }).then(
        (r) => r.status,
      );
    expect(await status(tokens.reader)).toBe(200);
    expect(await status(tokens.indexer)).toBe(403);
  });

  it('passes full: true to the workflow input, which rebuilds an unchanged commit from scratch', async () => {
    const { status, body } = await post({ ...ownedRequest(), full: true }, tokens.indexer);
    expect(status).toBe(200);
    expect(body.repositories?.[0]?.workflow_id).toBe(ownedWorkflowId());
    const handle = env.client.workflow.getHandle(ownedWorkflowId());
    const result = (await handle.result()) as RepoIndexingSuccess;
    expect(result).toMatchObject({ status: 'success' });
    expect(result.stats.mode).toBe('full');
    const history = await handle.fetchHistory();
    const started = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    const input = defaultPayloadConverter.fromPayload<RepoIndexingInput>(started!);
    expect(input).toMatchObject({ full: true, force: true });
  });
});
