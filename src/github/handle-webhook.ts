import { Webhooks, type EmitterWebhookEvent } from '@octokit/webhooks';
import { onInstallationRepositories } from './handlers/on-installation-repositories.js';
import { onInstallation } from './handlers/on-installation.js';
import { onPush } from './handlers/on-push.js';
import { onRepository } from './handlers/on-repository.js';
import type { IndexingTriggers, WebhookAction } from './indexing-triggers.js';
import { RecentKeys } from './recent-keys.js';
import type { Log, TriggerQueue } from './trigger-queue.js';

/** A status and JSON body to answer with. */
export interface HttpReply {
  status: number;
  body: Record<string, unknown>;
}

/** Everything {@link handleWebhook} needs; the server builds it once. */
export interface WebhookContext {
  webhooks: Webhooks;
  triggers: IndexingTriggers;
  queue: TriggerQueue;
  /** Delivery ids and trigger keys seen recently (redeliveries and duplicate pushes). */
  seen: RecentKeys;
  /** Branches besides each repository's default branch whose pushes are indexed. */
  extraBranches: readonly string[];
  /** How long to wait for a trigger's first attempt before answering 202 (GitHub gives up after 10 s). */
  replyBudgetMs: number;
  log: Log;
}

/** Builds a {@link WebhookContext} with the usual defaults. */
export function createWebhookContext(
  options: Pick<WebhookContext, 'triggers' | 'queue' | 'log'> & { secret: string } & Partial<WebhookContext>,
): WebhookContext {
  return {
    webhooks: new Webhooks({ secret: options.secret }),
    seen: new RecentKeys(),
    extraBranches: [],
    replyBudgetMs: 5_000,
    ...options,
  };
}

type Headers = Record<string, string | string[] | undefined>;

/**
 * Handles one `POST /webhooks` delivery: 401 unless `X-Hub-Signature-256` matches the raw body, 400 for a body
 * that is not a JSON object or lacks `X-GitHub-Event`, 200 for events that need nothing and for redeliveries.
 * Otherwise the event's action is queued and the reply waits at most `replyBudgetMs` for its first attempt:
 * 200 when done, 202 when still being (re)tried, 500 when it failed permanently.
 */
export async function handleWebhook(ctx: WebhookContext, headers: Headers, rawBody: string): Promise<HttpReply> {
  const signature = header(headers, 'x-hub-signature-256');
  const verified = signature != null && (await ctx.webhooks.verify(rawBody, signature).catch(() => false));
  if (!verified) return { status: 401, body: { error: 'signature does not match; check GITHUB_WEBHOOK_SECRET' } };
  const event = header(headers, 'x-github-event');
  const delivery = header(headers, 'x-github-delivery') ?? '';
  let payload: unknown;
  try {
    payload = JSON.parse(rawBody);
  } catch {
    return { status: 400, body: { error: 'body is not JSON' } };
  }
  if (event == null || payload == null || typeof payload !== 'object' || Array.isArray(payload)) {
    return { status: 400, body: { error: 'X-GitHub-Event header and a JSON object body are required' } };
  }
  let action: WebhookAction | null;
  try {
    action = route(event, payload, delivery, ctx.extraBranches);
  } catch {
    return { status: 400, body: { error: `malformed ${event} payload` } };
  }
  if (action == null) return { status: 200, body: { status: 'ignored', event } };
  if ((delivery !== '' && !ctx.seen.add(`delivery:${delivery}`)) || !ctx.seen.add(action.key)) {
    return { status: 200, body: { status: 'duplicate', event } };
  }
  ctx.log.info(`webhook ${event} (delivery ${delivery}): ${action.summary}`);
  const { triggers } = ctx;
  const first = ctx.queue.submit(action.key, action.summary, () => action.run(triggers));
  const outcome = await Promise.race([first, sleep(ctx.replyBudgetMs).then(() => 'retrying' as const)]);
  if (outcome === 'failed') {
    ctx.seen.delete(action.key);
    if (delivery !== '') ctx.seen.delete(`delivery:${delivery}`);
    return { status: 500, body: { status: 'failed', event, action: action.summary } };
  }
  return {
    status: outcome === 'done' ? 200 : 202,
    body: { status: outcome === 'done' ? 'started' : 'queued', event, action: action.summary },
  };
}

function route(
  event: string,
  payload: object,
  delivery: string,
  extraBranches: readonly string[],
): WebhookAction | null {
  switch (event) {
    case 'push':
      return onPush(payload as EmitterWebhookEvent<'push'>['payload'], extraBranches);
    case 'installation':
      return onInstallation(payload as EmitterWebhookEvent<'installation'>['payload'], delivery);
    case 'installation_repositories':
      return onInstallationRepositories(
        payload as EmitterWebhookEvent<'installation_repositories'>['payload'],
        delivery,
      );
    case 'repository':
      return onRepository(payload as EmitterWebhookEvent<'repository'>['payload'], delivery);
    default:
      return null;
  }
}

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
