import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { Driver } from 'neo4j-driver';
import type { Config } from './config/read-config.js';
import { createDatabase, type Database } from './db/database.js';
import { handleIndexRequest } from './api/handle-index-request.js';
import { handleWorkflowStatus } from './api/handle-workflow-status.js';
import { isAuthorizedApiRequest } from './api/is-authorized-api-request.js';
import { streamWorkflowEvents } from './api/stream-workflow-events.js';
import { createIndexingTriggers } from './github/create-indexing-triggers.js';
import { createWebhookContext, handleWebhook, type HttpReply, type WebhookContext } from './github/handle-webhook.js';
import { TriggerQueue, type Log } from './github/trigger-queue.js';
import { createGraphDriver } from './graph/create-graph-driver.js';
import { createServerMetrics } from './observability/create-server-metrics.js';
import { createTemporalClient } from './temporal/create-temporal-client.js';

/** Route templates counted in `http_requests_total` (anything else is `other`, so ids never become labels). */
const ROUTES = [
  '/healthz',
  '/webhooks',
  '/api/github/events',
  '/api/index',
  '/api/workflows/{id}',
  '/api/workflows/{id}/events',
];

/** GitHub caps webhook payloads at 25 MB. */
const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;
const MAX_API_BYTES = 1024 * 1024;

/** What the HTTP routes use; {@link startRepographServer} builds the real ones, tests may pass their own. */
export interface ServerDeps {
  /** Null when GITHUB_WEBHOOK_SECRET is unset: `/webhooks` then answers 503. */
  webhook: WebhookContext | null;
  client: Client;
  db: Kysely<Database>;
  taskQueue: string;
  /** Null when API_TOKEN is unset: `/api/*` then answers 503. */
  apiToken: string | null;
  log: Log;
}

/**
 * The `repograph serve` HTTP server: `POST /webhooks` (also the original's `/api/github/events`),
 * `POST /api/index`, `GET /api/workflows/{id}`, `GET /api/workflows/{id}/events` (SSE) and `GET /healthz`.
 */
export function createRepographServer(deps: ServerDeps): Server {
  const metrics = createServerMetrics(ROUTES);
  return createServer((req, res) => {
    if (metrics.observe(req, res)) return;
    route(deps, req, res).catch((error: unknown) => {
      deps.log.error(
        `${req.method} ${req.url?.split('?')[0]} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (!res.headersSent) reply(res, { status: 500, body: { detail: 'internal server error' } });
      else res.end();
    });
  });
}

async function route(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://server');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const method = req.method ?? 'GET';
  if (path === '/healthz' && method === 'GET') return reply(res, { status: 200, body: { status: 'ok' } });
  if ((path === '/webhooks' || path === '/api/github/events') && method === 'POST') {
    if (deps.webhook == null) return reply(res, unavailable('GITHUB_WEBHOOK_SECRET'));
    const body = await readBody(req, MAX_WEBHOOK_BYTES);
    if (body == null) return reply(res, { status: 413, body: { error: 'payload too large' } });
    return reply(res, await handleWebhook(deps.webhook, req.headers, body));
  }
  if (!path.startsWith('/api/')) return reply(res, { status: 404, body: { detail: 'not found' } });
  if (deps.apiToken == null) return reply(res, unavailable('API_TOKEN'));
  if (!isAuthorizedApiRequest(req.headers, url, deps.apiToken)) {
    return reply(res, { status: 401, body: { detail: 'missing or wrong bearer token' } });
  }
  if (path === '/api/index' && method === 'POST') {
    const raw = await readBody(req, MAX_API_BYTES);
    if (raw == null) return reply(res, { status: 413, body: { detail: 'body too large' } });
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return reply(res, { status: 400, body: { detail: 'body is not JSON' } });
    }
    return reply(res, await handleIndexRequest(deps, body));
  }
  const match = /^\/api\/workflows\/([^/]+)(\/events)?$/.exec(path);
  if (match?.[1] != null && method === 'GET') {
    const workflowId = decodeURIComponent(match[1]);
    if (match[2] == null) return reply(res, await handleWorkflowStatus(deps.client, workflowId));
    const last = req.headers['last-event-id'] ?? url.searchParams.get('last_event_id');
    const lastId = last == null || last === '' ? null : Number(last);
    if (lastId != null && !Number.isSafeInteger(lastId))
      return reply(res, { status: 400, body: { detail: 'bad Last-Event-ID' } });
    return streamWorkflowEvents(deps.db, workflowId, lastId, res);
  }
  return reply(res, { status: 404, body: { detail: 'not found' } });
}

function unavailable(variable: string): HttpReply {
  return {
    status: 503,
    body: { detail: `not configured. To fix this problem, set ${variable} and restart repograph serve` },
  };
}

function reply(res: ServerResponse, { status, body }: HttpReply): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A listening server and what it owns. */
export interface RunningServer {
  url: string;
  server: Server;
  queue: TriggerQueue;
  /** Stops accepting, lets queued triggers finish (bounded), then closes the Temporal, Postgres and Neo4j clients. */
  close(): Promise<void>;
}

/**
 * Composition root of `repograph serve`: connects Temporal, Postgres and Neo4j once, wires the webhook triggers
 * and listens on `config.server` (port 0 picks a free port).
 */
export async function startRepographServer(config: Config, log: Log = console): Promise<RunningServer> {
  const client = await createTemporalClient(config.temporal);
  const db = createDatabase(config.postgres.url);
  const graph: Driver = createGraphDriver(config.neo4j);
  const queue = new TriggerQueue({ log });
  const taskQueue = config.temporal.taskQueue;
  const triggers = createIndexingTriggers({ client, db, graph, neo4jDatabase: config.neo4j.database, taskQueue, log });
  const secret = config.github.webhookSecret;
  const webhook =
    secret == null
      ? null
      : createWebhookContext({ secret, triggers, queue, log, extraBranches: config.github.pushBranches });
  const server = createRepographServer({ webhook, client, db, taskQueue, apiToken: config.server.apiToken, log });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.server.port, config.server.host, resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    server,
    queue,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await Promise.race([queue.idle(), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
      await Promise.allSettled([client.connection.close(), db.destroy(), graph.close()]);
    },
  };
}
