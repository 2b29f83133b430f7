import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import { handleIndexRequest } from '../api/handle-index-request.js';
import { handleWorkflowStatus } from '../api/handle-workflow-status.js';
import { sendReply, type HttpReply, type Log } from '../api/http-reply.js';
import { authenticateApiRequest } from '../api/authenticate-api-request.js';
import type { IndexSourcePolicy } from '../api/resolve-index-source.js';
import { streamWorkflowEvents } from '../api/stream-workflow-events.js';
import { waitWorkflowClosed } from '../api/wait-workflow-closed.js';
import type { ApiClientConfig, ApiScope } from '../config/read-config.js';
import type { Database } from '../db/database.js';
import { createServerMetrics } from '../observability/create-server-metrics.js';
import { acceptWebhook, type WebhookIntake } from './accept-webhook.js';
import { discardBody, readBody } from './read-body.js';

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
/** How long an event stream waits, after a run's last event, for Temporal to report the run closed. */
const SETTLE_TIMEOUT_MS = 10_000;

/** What the HTTP routes use; `startRepographServer` builds the real ones, tests may pass their own. */
export interface HttpServerDeps {
  /** Null when GITHUB_WEBHOOK_SECRET is unset: `/webhooks` then answers 503. */
  webhook: WebhookIntake | null;
  client: Client;
  db: Kysely<Database>;
  taskQueue: string;
  /** The clients of `/api/*` and their scopes; with none, `/api/*` answers 503. */
  apiClients: readonly ApiClientConfig[];
  /** What `POST /api/index` may name. */
  sources: IndexSourcePolicy;
  log: Log;
}

/**
 * The `repograph serve` HTTP server: `POST /webhooks` (also the original's `/api/github/events`),
 * `POST /api/index`, `GET /api/workflows/{id}`, `GET /api/workflows/{id}/events` (SSE) and `GET /healthz`. It
 * verifies, records and triggers; the work happens in workflows.
 */
export function createHttpServer(deps: HttpServerDeps): Server {
  const metrics = createServerMetrics(ROUTES);
  return createServer((req, res) => {
    if (metrics.observe(req, res)) return;
    route(deps, req, res).catch((error: unknown) => {
      deps.log.error(
        `${req.method} ${req.url?.split('?')[0]} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (!res.headersSent) sendReply(res, { status: 500, body: { detail: 'internal server error' } }, true);
      else res.end();
    });
  });
}

// An early answer (auth, not found) first reads what the client is still sending, so it sees the answer.
async function early(req: IncomingMessage, res: ServerResponse, reply: HttpReply, limit: number): Promise<void> {
  const drained = await discardBody(req, limit);
  sendReply(res, reply, !drained);
}

async function route(deps: HttpServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://server');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const method = req.method ?? 'GET';
  if (path === '/healthz' && method === 'GET') return sendReply(res, { status: 200, body: { status: 'ok' } });
  if ((path === '/webhooks' || path === '/api/github/events') && method === 'POST') {
    if (deps.webhook == null) return early(req, res, unavailable('GITHUB_WEBHOOK_SECRET'), MAX_WEBHOOK_BYTES);
    const body = await readBody(req, MAX_WEBHOOK_BYTES);
    if (!body.ok) return sendReply(res, { status: 413, body: { error: 'payload too large' } }, true);
    return sendReply(res, await acceptWebhook(deps.webhook, req.headers, body.text));
  }
  if (!path.startsWith('/api/')) return early(req, res, { status: 404, body: { detail: 'not found' } }, MAX_API_BYTES);
  if (deps.apiClients.length === 0) return early(req, res, unavailable('API_TOKEN or API_TOKENS'), MAX_API_BYTES);
  const client = authenticateApiRequest(req.headers, url, deps.apiClients);
  if (client == null) {
    return early(req, res, { status: 401, body: { detail: 'missing or unknown bearer token' } }, MAX_API_BYTES);
  }
  const scope: ApiScope = method === 'GET' ? 'read' : 'index';
  if (!client.scopes.includes(scope)) {
    const detail = `client ${client.name} lacks the ${scope} scope. To fix this problem, add ${scope} to its scopes in API_TOKENS`;
    return early(req, res, { status: 403, body: { detail } }, MAX_API_BYTES);
  }
  if (path === '/api/index' && method === 'POST') {
    const raw = await readBody(req, MAX_API_BYTES);
    if (!raw.ok) return sendReply(res, { status: 413, body: { detail: 'body too large' } }, true);
    let body: unknown;
    try {
      body = JSON.parse(raw.text);
    } catch {
      return sendReply(res, { status: 400, body: { detail: 'body is not JSON' } });
    }
    return sendReply(res, await handleIndexRequest(deps, body));
  }
  const match = /^\/api\/workflows\/([^/]+)(\/events)?$/.exec(path);
  if (match?.[1] != null && method === 'GET') {
    const workflowId = decodeURIComponent(match[1]);
    if (match[2] == null) return sendReply(res, await handleWorkflowStatus(deps.client, workflowId));
    const last = req.headers['last-event-id'] ?? url.searchParams.get('last_event_id');
    const lastId = last == null || last === '' ? null : Number(last);
    if (lastId != null && !Number.isSafeInteger(lastId))
      return sendReply(res, { status: 400, body: { detail: 'bad Last-Event-ID' } });
    return streamWorkflowEvents(deps.db, workflowId, lastId, res, {
      settled: (runId) => waitWorkflowClosed(deps.client, workflowId, runId, SETTLE_TIMEOUT_MS),
    });
  }
  return early(req, res, { status: 404, body: { detail: 'not found' } }, MAX_API_BYTES);
}

function unavailable(variable: string): HttpReply {
  return {
    status: 503,
    body: { detail: `not configured. To fix this problem, set ${variable} and restart repograph serve` },
  };
}
