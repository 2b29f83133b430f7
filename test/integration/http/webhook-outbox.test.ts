import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoIdForGitHubRepository } from '../../../src/identity/repo-ids.js';
import type { RepoIndexingResult } from '../../../src/shared/repo-indexing.js';
import { repoIndexingWorkflowId } from '../../../src/shared/workflow-ids.js';
import { commitFiles } from '../../helpers/git-http-server.js';
import { startGitHubStandInEnv, type GitHubStandInEnv, type StandInRepo } from '../../helpers/github-stand-in-env.js';
import { loadWebhookFixture, postDelivery, signDelivery } from '../../helpers/github-stand-in-webhooks.js';
import { freePort, serveEnv, startServeProcess, type ServeProcess } from '../../helpers/serve-process.js';
import { TcpProxy } from '../../helpers/tcp-proxy.js';

// The server records a delivery before it answers 2xx and leaves the workflow start to an outbox: a server
// killed right after such an answer loses nothing, and a redelivery after a restart is still recognised.
describe('webhook outbox: accepted means indexed, even if the server dies (real Temporal, Neo4j, PostgreSQL)', () => {
  let env: GitHubStandInEnv;
  let repo: StandInRepo;
  let temporal: TcpProxy;
  let postgres: TcpProxy;
  let servers: ServeProcess[] = [];
  let sha: string;

  beforeAll(async () => {
    env = await startGitHubStandInEnv([{ name: 'outbox-lib', defaultBranch: 'main' }], { server: false });
    repo = env.repos[0]!;
    sha = commitFiles(repo.bareDir, 'main', { 'lib/outbox.py': 'def accepted():\n    return 1\n' }, 'outbox');
    const [host, port] = env.config.temporal.address.split(':');
    temporal = new TcpProxy({ host: host!, port: Number(port) });
    const pg = new URL(env.config.postgres.url);
    postgres = new TcpProxy({ host: pg.hostname, port: Number(pg.port) });
  });
  afterAll(async () => {
    for (const server of servers) await server.stop('SIGKILL');
    await temporal?.close();
    await postgres?.close();
    if (env == null) return;
    await env.graph.executeQuery(
      'MATCH (n:KGNode {repo_id: $repoId}) DETACH DELETE n',
      { repoId: repoIdForGitHubRepository(repo.id) },
      { database: env.config.neo4j.database },
    );
    await env.close();
  });

  const pushPayload = (after: string) => {
    const payload = loadWebhookFixture<Record<string, Record<string, unknown>>>('push');
    Object.assign(payload, { ref: 'refs/heads/main', after });
    payload.installation!.id = env.installationId;
    Object.assign(payload.repository!, {
      id: repo.id,
      full_name: repo.full_name,
      name: repo.full_name.split('/')[1],
      clone_url: repo.clone_url,
      default_branch: 'main',
      master_branch: 'main',
    });
    return payload;
  };

  it('a push answered 202 while Temporal hangs is indexed after the server is killed and restarted', async () => {
    const temporalPort = await temporal.listen();
    const pgPort = await postgres.listen();
    const pgUrl = new URL(env.config.postgres.url);
    pgUrl.port = String(pgPort);
    const env1 = serveEnv(env.config, await freePort(), {
      TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
      DATABASE_URL: pgUrl.toString(),
      WEBHOOK_REPLY_BUDGET_MS: '1000',
      WEBHOOK_DISPATCH_LEASE_MS: '3000',
    });
    const first = await startServeProcess(env1);
    servers.push(first);
    temporal.down();
    const delivery = signDelivery(env.secret, 'push', pushPayload(sha), 'delivery-before-kill');
    const reply = await postDelivery(`${first.url}/webhooks`, delivery);
    expect(reply).toMatchObject({ status: 202, body: { status: 'queued' } });
    await first.stop('SIGKILL');
    const [row] = await env.db.db.selectFrom('trigger_outbox').selectAll().execute();
    expect(row).toMatchObject({ delivery_id: 'delivery-before-kill', status: 'pending' });

    temporal.up();
    const second = await startServeProcess({ ...env1, SERVER_PORT: String(await freePort()) });
    servers.push(second);
    const workflowId = repoIndexingWorkflowId({ github_repo_id: repo.id, repo_id: '', default_branch: 'main' });
    // The second server takes the row once the dead server's lease has run out, then starts the workflow.
    let dispatched: string | null = null;
    for (let i = 0; i < 240 && dispatched == null; i++) {
      const current = await env.db.db.selectFrom('trigger_outbox').select(['status', 'workflow_id']).executeTakeFirst();
      if (current?.status === 'done') dispatched = current.workflow_id;
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(dispatched).toBe(workflowId);
    const result = (await env.client.workflow.getHandle(workflowId).result()) as RepoIndexingResult;
    expect(result).toMatchObject({ status: 'success', commit_sha: sha });
    const { records } = await env.graph.executeQuery(
      'MATCH (s:SymbolNode {repo_id: $repoId, branch: "main"}) RETURN s.name AS name',
      { repoId: repoIdForGitHubRepository(repo.id) },
      { database: env.config.neo4j.database },
    );
    expect(records.map((r) => r.get('name'))).toEqual(['accepted']);
    const done = await env.db.db.selectFrom('trigger_outbox').selectAll().executeTakeFirstOrThrow();
    expect(done).toMatchObject({ status: 'done', workflow_id: workflowId });

    // The restarted server still knows the delivery: a redelivery is a duplicate, not a second run.
    const again = await postDelivery(`${second.url}/webhooks`, delivery);
    expect(again).toMatchObject({ status: 200, body: { status: 'duplicate' } });

    // Without PostgreSQL nothing can be recorded, so nothing is accepted: 503, and GitHub can redeliver.
    postgres.down();
    const lost = signDelivery(env.secret, 'push', pushPayload(sha), 'delivery-without-postgres');
    const refused = await postDelivery(`${second.url}/webhooks`, lost).catch((error: unknown) => {
      throw new Error(`the server did not answer: ${String(error)}\n${second.output.join('')}`);
    });
    expect(refused.status).toBe(503);
    postgres.up();
    let accepted = 0;
    for (let i = 0; i < 40 && accepted === 0; i++) {
      const retry = await postDelivery(`${second.url}/webhooks`, lost);
      if (retry.status < 300) accepted = retry.status;
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(accepted).toBeGreaterThanOrEqual(200);
    await second.stop();
    servers = [];
  });
});
