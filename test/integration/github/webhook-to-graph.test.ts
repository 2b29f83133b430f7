import { ApplicationFailure } from '@temporalio/common';
import { WorkflowFailedError } from '@temporalio/client';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoIdForGitHubRepository } from '../../../src/identity/repo-ids.js';
import { ErrorType } from '../../../src/shared/errors.js';
import type { RepoIndexingResult } from '../../../src/shared/repo-indexing.js';
import { repoIndexingWorkflowId, repositoryRemovalWorkflowId } from '../../../src/shared/workflow-ids.js';
import type { InstallationIndexingWorkflow } from '../../../src/workflows/index-installation.js';
import type { RepositoryRemovalWorkflow } from '../../../src/workflows/repository-removal.js';
import { commitFiles } from '../../helpers/git-http-server.js';
import { startGitHubStandInEnv, type GitHubStandInEnv, type StandInRepo } from '../../helpers/github-stand-in-env.js';
import { loadWebhookFixture, postDelivery, signDelivery } from '../../helpers/github-stand-in-webhooks.js';

// The "done when": with the stand-ins running, signed webhooks to the in-process `repograph serve`
// lead to an updated graph of a private repository on the real Temporal, Neo4j and PostgreSQL, and no token
// ever shows up in logs, rows, graph properties or workflow histories.

describe('GitHub App webhooks to graph (real Temporal, Neo4j, PostgreSQL; GitHub and git stand-ins)', () => {
  let env: GitHubStandInEnv;
  let lib: StandInRepo;
  let tools: StandInRepo;
  const shas: string[] = [];
  const workflowIds = new Set<string>();

  beforeAll(async () => {
    env = await startGitHubStandInEnv([
      { name: 'private-lib', defaultBranch: 'trunk' },
      { name: 'tools', defaultBranch: 'main' },
    ]);
    [lib, tools] = env.repos as [StandInRepo, StandInRepo];
    shas.push(commitFiles(lib.bareDir, 'trunk', { 'lib/alpha.py': 'def alpha():\n    return 1\n' }, 'alpha'));
    commitFiles(tools.bareDir, 'main', { 'tool.py': 'def tool():\n    return 2\n' }, 'tool');
  });
  afterAll(async () => {
    if (env == null) return;
    const repoIds = env.repos.map((r) => repoIdForGitHubRepository(r.id));
    await env.graph.executeQuery(
      'MATCH (n:KGNode) WHERE n.repo_id IN $repoIds DETACH DELETE n',
      { repoIds },
      { database: env.config.neo4j.database },
    );
    await env.close();
  });

  const deliver = (event: string, payload: unknown, id?: string) =>
    postDelivery(`${env.server!.url}/webhooks`, signDelivery(env.secret, event, payload, id));
  const repoWorkflow = (repo: StandInRepo) => {
    const id = repoIndexingWorkflowId({ github_repo_id: repo.id, repo_id: '', default_branch: repo.default_branch });
    workflowIds.add(id);
    return env.client.workflow.getHandle(id);
  };
  const pushPayload = (repo: StandInRepo, after: string) => {
    const payload = loadWebhookFixture<Fixture>('push');
    payload.ref = `refs/heads/${repo.default_branch}`;
    payload.after = after;
    payload.installation.id = env.installationId;
    Object.assign(payload.repository, {
      id: repo.id,
      full_name: repo.full_name,
      name: repo.full_name.split('/')[1],
      clone_url: repo.clone_url,
      default_branch: repo.default_branch,
      master_branch: repo.default_branch,
    });
    return payload;
  };
  const symbols = async (repo: StandInRepo) => {
    const { records } = await env.graph.executeQuery(
      'MATCH (s:SymbolNode {repo_id: $repoId}) RETURN s.name AS name ORDER BY name',
      { repoId: repoIdForGitHubRepository(repo.id) },
      { database: env.config.neo4j.database },
    );
    return records.map((r) => r.get('name') as string);
  };
  const runCount = async (workflowId: string) => {
    const { count } = await env.client.workflow.count(`WorkflowId = '${workflowId}'`);
    return count;
  };

  it('installation.created indexes every repository of the installation with its real default branch', async () => {
    const payload = loadWebhookFixture<Fixture>('installation.created');
    payload.installation.id = env.installationId;
    payload.repositories = env.repos.map((r) => ({
      id: r.id,
      node_id: `R_${r.id}`,
      name: r.full_name.split('/')[1],
      full_name: r.full_name,
      private: true,
    }));
    const reply = await deliver('installation', payload);
    expect(reply.status).toBe(200);
    const result = await env.client.workflow
      .getHandle<typeof InstallationIndexingWorkflow>(`installation-index-${env.installationId}`)
      .result();
    expect(result.repositories.map((r) => [r.repo, r.status])).toEqual([
      [lib.full_name, 'success'],
      [tools.full_name, 'success'],
    ]);
    result.repositories.forEach((r) => workflowIds.add(r.workflow_id));
    const rows = await env.db.db
      .selectFrom('repositories')
      .select(['github_repo_id', 'default_branch', 'installation_id', 'private'])
      .orderBy('github_repo_id')
      .execute();
    expect(rows).toEqual([
      { github_repo_id: lib.id, default_branch: 'trunk', installation_id: env.installationId, private: true },
      { github_repo_id: tools.id, default_branch: 'main', installation_id: env.installationId, private: true },
    ]);
    expect(await symbols(lib)).toEqual(['alpha']);
    expect(await symbols(tools)).toEqual(['tool']);
  });

  it('a signed push to the default branch reindexes the private repository at the pushed SHA', async () => {
    shas.push(commitFiles(lib.bareDir, 'trunk', { 'lib/beta.py': 'def beta():\n    return 3\n' }, 'beta'));
    const reply = await deliver('push', pushPayload(lib, shas[1]!));
    expect(reply.status).toBe(200);
    const result = (await repoWorkflow(lib).result()) as RepoIndexingResult;
    expect(result).toMatchObject({ status: 'success', commit_sha: shas[1] });
    expect(await symbols(lib)).toEqual(['alpha', 'beta']);
  });

  it('50 deliveries of one push index it once, and a push during that run is indexed right after it', async () => {
    const workflowId = repoWorkflow(lib).workflowId;
    const before = await runCount(workflowId);
    shas.push(commitFiles(lib.bareDir, 'trunk', { 'lib/gamma.py': 'def gamma():\n    return 4\n' }, 'gamma'));
    const payload = pushPayload(lib, shas[2]!);
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) => deliver('push', payload, i % 2 === 0 ? 'one-delivery' : undefined)),
    );
    expect(replies.every((r) => r.status === 200 || r.status === 202)).toBe(true);
    // Redeliveries (one delivery id) are recognised by the outbox; distinct deliveries of one push reach the
    // running workflow as signals for the commit it is indexing, which asks for nothing more.
    expect(replies.filter((r) => (r.body as { status: string }).status === 'duplicate')).toHaveLength(24);
    shas.push(
      commitFiles(
        lib.bareDir,
        'trunk',
        { 'lib/alpha.py': null, 'lib/delta.py': 'def delta():\n    return 5\n' },
        'delta',
      ),
    );
    expect((await deliver('push', pushPayload(lib, shas[3]!))).status).toBeLessThan(300);
    const result = (await repoWorkflow(lib).result()) as RepoIndexingResult;
    expect(result).toMatchObject({ status: 'success', commit_sha: shas[3] });
    expect(await symbols(lib)).toEqual(['beta', 'delta', 'gamma']);
    const snapshots = await env.db.db
      .selectFrom('repo_snapshots')
      .select('commit_sha')
      .where('repository_id', '=', repoIdForGitHubRepository(lib.id))
      .execute();
    expect(snapshots.map((s) => s.commit_sha)).toEqual(expect.arrayContaining([shas[2], shas[3]]));
    const indexed = await env.db.db
      .selectFrom('repo_snapshots')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('repository_id', '=', repoIdForGitHubRepository(lib.id))
      .where('commit_sha', '=', shas[2]!)
      .executeTakeFirstOrThrow();
    expect(Number(indexed.n), 'runs that indexed the pushed commit').toBe(1);
    expect(await runCount(workflowId)).toBeGreaterThanOrEqual(before + 2);
  });

  it('installation_repositories.added indexes the added repository, once per delivery', async () => {
    const added = env.addRepo('added-svc', 'develop');
    commitFiles(added.bareDir, 'develop', { 'svc.py': 'def serve():\n    return 7\n' }, 'svc');
    const payload = loadWebhookFixture<Fixture>('installation_repositories.added');
    payload.installation.id = env.installationId;
    payload.repositories_added = [
      { id: added.id, node_id: 'R_x', name: 'added-svc', full_name: added.full_name, private: true },
    ];
    expect((await deliver('installation_repositories', payload, 'added-delivery')).status).toBe(200);
    expect((await deliver('installation_repositories', payload, 'added-delivery')).body).toMatchObject({
      status: 'duplicate',
    });
    const handle = env.client.workflow.getHandle<typeof InstallationIndexingWorkflow>(
      `installation-index-${env.installationId}-added-delivery`,
    );
    const result = await handle.result();
    expect(result.repositories).toEqual([expect.objectContaining({ repo: added.full_name, status: 'success' })]);
    result.repositories.forEach((r) => workflowIds.add(r.workflow_id));
    const row = await env.db.db
      .selectFrom('repositories')
      .select('default_branch')
      .where('github_repo_id', '=', added.id)
      .executeTakeFirstOrThrow();
    expect(row.default_branch).toBe('develop');
    expect(await symbols(added)).toEqual(['serve']);
  });

  it('a revoked installation fails the next run at once, permanently, with InstallationRevoked', async () => {
    env.github.revoke(env.installationId);
    const sha = commitFiles(tools.bareDir, 'main', { 'more.py': 'def more():\n    return 6\n' }, 'more');
    expect((await deliver('push', pushPayload(tools, sha))).status).toBe(200);
    const error = await repoWorkflow(tools)
      .result()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowFailedError);
    const chain: unknown[] = [];
    for (let e: unknown = error; e instanceof Error; e = e.cause) chain.push(e);
    const cause = chain.find(
      (e) => e instanceof ApplicationFailure && e.type === ErrorType.InstallationRevoked,
    ) as ApplicationFailure;
    expect(cause, 'an InstallationRevoked failure in the cause chain').toBeDefined();
    expect(cause.message).toContain('To fix this problem');
    expect(cause.nonRetryable).toBe(true);
    const history = await repoWorkflow(tools).fetchHistory();
    const failures = history.events?.filter((e) => e.activityTaskFailedEventAttributes != null) ?? [];
    expect(failures).toHaveLength(1);
    expect(await symbols(tools)).toEqual(['tool']);
  });

  it('repository.deleted removes that repository graph and marks its metadata, leaving the others', async () => {
    const payload = loadWebhookFixture<Fixture>('repository.deleted');
    Object.assign(payload.repository, { id: tools.id, full_name: tools.full_name });
    payload.installation.id = env.installationId;
    expect((await deliver('repository', payload, 'repo-deleted')).status).toBe(200);
    await env.client.workflow
      .getHandle<typeof RepositoryRemovalWorkflow>(repositoryRemovalWorkflowId(String(tools.id), 'repo-deleted'))
      .result();
    expect(await symbols(tools)).toEqual([]);
    expect(await symbols(lib)).toEqual(['beta', 'delta', 'gamma']);
    const row = await env.db.db
      .selectFrom('repositories')
      .select(['installation_id', 'last_indexed_at'])
      .where('github_repo_id', '=', tools.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ installation_id: null, last_indexed_at: null });
    const snapshots = await env.db.db
      .selectFrom('repo_snapshots')
      .select('id')
      .where('repository_id', '=', repoIdForGitHubRepository(tools.id))
      .execute();
    expect(snapshots).toEqual([]);
  });

  it('no installation token appears in logs, database rows, graph properties, workflow histories or git URLs', async () => {
    const tokens = env.github.tokens;
    expect(tokens.length).toBeGreaterThanOrEqual(4);
    const needles = tokens.flatMap((t) => [t, Buffer.from(`x-access-token:${t}`).toString('base64')]);
    const haystacks: [string, string][] = [['logs', env.logs.join('\n')]];
    const tables = [
      'repositories',
      'repo_snapshots',
      'indexed_files',
      'workflow_run_events',
      'github_installations',
      'trigger_outbox',
    ];
    for (const table of tables) {
      const { rows } = await sql`SELECT * FROM ${sql.table(table)}`.execute(env.db.db);
      if (table !== 'indexed_files' && table !== 'repo_snapshots')
        expect(rows.length, `rows in ${table}`).toBeGreaterThan(0);
      haystacks.push([`postgres ${table}`, JSON.stringify(rows)]);
    }
    const { records } = await env.graph.executeQuery(
      'MATCH (n:KGNode) WHERE n.repo_id IN $repoIds OPTIONAL MATCH (n)-[r]->() RETURN properties(n) AS n, collect(properties(r)) AS r',
      { repoIds: env.repos.map((r) => repoIdForGitHubRepository(r.id)) },
      { database: env.config.neo4j.database },
    );
    expect(records.length).toBeGreaterThan(0);
    haystacks.push(['neo4j', JSON.stringify(records.map((r) => r.toObject()))]);
    for await (const execution of env.client.workflow.list({
      query: `TaskQueue = '${env.config.temporal.taskQueue}'`,
    })) {
      const history = await env.client.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory();
      haystacks.push([`history ${execution.workflowId}/${execution.runId}`, decodeHistory(history)]);
    }
    expect(haystacks.filter(([name]) => name.startsWith('history')).length).toBeGreaterThanOrEqual(workflowIds.size);
    haystacks.push(['git urls', env.git.requests.map((r) => r.url).join('\n')]);
    for (const [name, text] of haystacks) {
      for (const needle of needles) expect(text.includes(needle), `token found in ${name}`).toBe(false);
    }
    expect(env.git.requests.some((r) => r.status === 200 && r.authorization?.startsWith('Basic '))).toBe(true);
  });

  it('installation.deleted removes the graphs of every repository of the installation', async () => {
    const payload = loadWebhookFixture<Fixture>('installation.deleted');
    payload.installation.id = env.installationId;
    payload.repositories = [
      { id: lib.id, node_id: 'R_lib', name: 'private-lib', full_name: lib.full_name, private: true },
    ];
    expect((await deliver('installation', payload, 'installation-deleted')).status).toBe(200);
    await env.client.workflow
      .getHandle<typeof RepositoryRemovalWorkflow>(
        repositoryRemovalWorkflowId(`installation-${env.installationId}`, 'installation-deleted'),
      )
      .result();
    for (const repo of env.repos) expect(await symbols(repo), repo.full_name).toEqual([]);
    const attached = await env.db.db
      .selectFrom('repositories')
      .select('id')
      .where('installation_id', 'is not', null)
      .execute();
    expect(attached).toEqual([]);
  });
});

/** A webhook fixture with the fields these tests rewrite. */
type Fixture = Record<string, unknown> & {
  installation: { id: number };
  repository: Record<string, unknown>;
  ref?: string;
  after?: string;
  repositories?: unknown[];
  repositories_added?: unknown[];
};

/** The history as text, with every payload's bytes decoded so JSON-encoded arguments are searchable. */
function decodeHistory(history: unknown): string {
  return JSON.stringify(history, (_key, value: unknown) =>
    value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : value,
  );
}
