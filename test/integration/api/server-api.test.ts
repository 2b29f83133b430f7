import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reindexRepository } from '../../../src/cli/commands/reindex-command.js';
import { repoIdForGitHubRepository } from '../../../src/identity/repo-ids.js';
import { commitFiles } from '../../helpers/git-http-server.js';
import { startGitHubStandInEnv, type GitHubStandInEnv, type StandInRepo } from '../../helpers/github-stand-in-env.js';

interface SseFrame {
  id?: number;
  event: string;
  data: Record<string, unknown>;
}

/** Reads a server-sent event stream until the server ends it (bounded by `timeoutMs`). */
async function readEvents(url: string, headers: Record<string, string>, timeoutMs = 90_000): Promise<SseFrame[]> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '' && !block.startsWith(':'))
    .map((block) => {
      const fields = Object.fromEntries(
        block.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
      );
      return {
        id: fields.id == null ? undefined : Number(fields.id),
        event: fields.event ?? '',
        data: JSON.parse(fields.data ?? '{}') as Record<string, unknown>,
      };
    });
}

describe('repograph serve API: /api/index, workflow status, SSE events, /healthz (real services)', () => {
  let env: GitHubStandInEnv;
  let repo: StandInRepo;
  let auth: Record<string, string>;
  let sha: string;

  beforeAll(async () => {
    env = await startGitHubStandInEnv([{ name: 'api-lib', defaultBranch: 'trunk' }]);
    repo = env.repos[0]!;
    sha = commitFiles(repo.bareDir, 'trunk', { 'api.py': 'def handler():\n    return 1\n' }, 'api');
    auth = { authorization: `Bearer ${env.config.server.apiClients[0]!.token}` };
  });
  afterAll(async () => {
    if (env == null) return;
    await env.graph.executeQuery(
      'MATCH (n:KGNode {repo_id: $repoId}) DETACH DELETE n',
      { repoId: repoIdForGitHubRepository(repo.id) },
      { database: env.config.neo4j.database },
    );
    await env.close();
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = auth) =>
    fetch(`${env.server!.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('answers /healthz, refuses /api/* without the bearer token and rejects invalid bodies', async () => {
    expect((await fetch(`${env.server!.url}/healthz`)).status).toBe(200);
    expect((await post('/api/index', {}, {})).status).toBe(401);
    expect((await post('/api/index', {}, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await post('/api/index', '{not json')).status).toBe(400);
    expect(
      (await post('/api/index', { repositories: [{ github_repo_name: 'no-slash', github_repo_id: 1 }] })).status,
    ).toBe(400);
    expect((await fetch(`${env.server!.url}/api/workflows/nope-${Date.now()}`, { headers: auth })).status).toBe(404);
  });

  it('POST /api/index starts indexing; the advertised events_url streams its events and closes at the end', async () => {
    const response = await post('/api/index', {
      installation_id: env.installationId,
      repositories: [
        {
          github_repo_name: repo.full_name,
          github_repo_id: repo.id,
          repo_id: '',
          repo_url: repo.clone_url,
          commit_sha: null,
          default_branch: 'trunk',
        },
      ],
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      repositories: { workflow_id: string; events_url: string; status: string }[];
      total_count: number;
    };
    expect(body.total_count).toBe(1);
    const [started] = body.repositories;
    expect(started).toMatchObject({
      workflow_id: `repo-index-${repo.id}-trunk`,
      status: 'started',
      events_url: `/api/workflows/repo-index-${repo.id}-trunk/events`,
    });

    const frames = await readEvents(`${env.server!.url}${started!.events_url}`, auth);
    expect(frames[0]?.event).toBe('connected');
    const activity = frames.filter((f) => f.event === 'activity');
    const ids = activity.map((f) => f.id!);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    expect(activity[0]?.data.event_type).toBe('workflow_started');
    expect(activity.at(-1)?.data.event_type).toBe('workflow_completed');
    expect(frames.at(-1)).toEqual({ event: 'close', data: { reason: 'workflow_completed' } });
    // The stream closes once Temporal reports the run closed: the status read right after it is final.
    const status = await fetch(`${env.server!.url}/api/workflows/${started!.workflow_id}`, { headers: auth });
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({
      workflow_id: started!.workflow_id,
      type: 'RepoIndexingWorkflow',
      status: 'COMPLETED',
      result: { status: 'success', commit_sha: sha },
    });

    const resumeAfter = ids[Math.floor(ids.length / 2)]!;
    const resumed = await readEvents(`${env.server!.url}${started!.events_url}`, {
      ...auth,
      'last-event-id': String(resumeAfter),
    });
    expect(resumed.filter((f) => f.event === 'activity').map((f) => f.id)).toEqual(
      ids.filter((id) => id > resumeAfter),
    );
  });

  it('POST /api/index with only an installation id starts the installation workflow; a second call joins it', async () => {
    const first = await post('/api/index', { installation_id: env.installationId });
    expect(first.status).toBe(200);
    const body = (await first.json()) as { installation_workflow_id: string };
    expect(body.installation_workflow_id).toBe(`installation-index-${env.installationId}`);
    const second = (await (await post('/api/index', { installation_id: env.installationId })).json()) as {
      installation_workflow_id: string;
    };
    expect(second.installation_workflow_id).toBe(body.installation_workflow_id);
    expect(
      (await env.client.workflow.count(`WorkflowId = '${body.installation_workflow_id}'`)).count,
    ).toBeLessThanOrEqual(1);
    const result = (await env.client.workflow.getHandle(body.installation_workflow_id).result()) as {
      repositories: { status: string }[];
    };
    expect(result.repositories.map((r) => r.status)).toEqual(['skipped']);
  });

  it('repograph reindex finds the installation of owner/repo through the App and indexes it, forced', async () => {
    const result = await reindexRepository(env.config, repo.full_name, { wait: true, full: false });
    expect(result).toMatchObject({
      workflow_id: `repo-index-${repo.id}-trunk`,
      repo_id: repoIdForGitHubRepository(repo.id),
      result: { status: 'success', commit_sha: sha },
    });
    await expect(reindexRepository(env.config, 'nobody/nothing', { wait: false, full: false })).rejects.toMatchObject({
      type: 'RepoNotFound',
    });
  });
});
