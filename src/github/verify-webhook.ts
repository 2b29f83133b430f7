import { Webhooks, type EmitterWebhookEvent } from '@octokit/webhooks';
import { onInstallationRepositories } from './handlers/on-installation-repositories.js';
import { onInstallation } from './handlers/on-installation.js';
import { onPush } from './handlers/on-push.js';
import { onRepository } from './handlers/on-repository.js';
import type { RoutedWebhook } from './webhook-trigger.js';

/** Request headers as Node gives them. */
export type Headers = Record<string, string | string[] | undefined>;

/** A delivery that passed verification. */
export interface VerifiedWebhook {
  ok: true;
  event: string;
  /** `X-GitHub-Delivery`; empty when the sender gave none. */
  deliveryId: string;
  /** What the delivery asks for, or null when the event needs nothing. */
  routed: RoutedWebhook | null;
}

/** A delivery that failed verification: the status and message to answer with. */
export interface RejectedWebhook {
  ok: false;
  status: 400 | 401;
  error: string;
}

/** Creates the verifier for a webhook secret (`@octokit/webhooks`: HMAC-SHA256 of the raw body, constant time). */
export function createWebhookVerifier(secret: string): Webhooks {
  return new Webhooks({ secret });
}

/**
 * Verifies one delivery and routes it: 401 unless `X-Hub-Signature-256` matches the raw body, 400 for a body that
 * is not a JSON object, lacks `X-GitHub-Event`, or is a malformed payload of an event we handle. `extraBranches`
 * are the branches besides each repository's default branch whose pushes are indexed. Pure apart from the HMAC:
 * nothing is recorded or started here.
 */
export async function verifyWebhook(
  webhooks: Webhooks,
  headers: Headers,
  rawBody: string,
  extraBranches: readonly string[],
): Promise<VerifiedWebhook | RejectedWebhook> {
  const signature = header(headers, 'x-hub-signature-256');
  const verified = signature != null && (await webhooks.verify(rawBody, signature).catch(() => false));
  if (!verified) return { ok: false, status: 401, error: 'signature does not match; check GITHUB_WEBHOOK_SECRET' };
  const event = header(headers, 'x-github-event');
  const deliveryId = header(headers, 'x-github-delivery') ?? '';
  let payload: unknown;
  try {
    payload = JSON.parse(rawBody);
  } catch {
    return { ok: false, status: 400, error: 'body is not JSON' };
  }
  if (event == null || payload == null || typeof payload !== 'object' || Array.isArray(payload)) {
    return { ok: false, status: 400, error: 'X-GitHub-Event header and a JSON object body are required' };
  }
  try {
    return { ok: true, event, deliveryId, routed: route(event, payload, extraBranches) };
  } catch {
    return { ok: false, status: 400, error: `malformed ${event} payload` };
  }
}

function route(event: string, payload: object, extraBranches: readonly string[]): RoutedWebhook | null {
  switch (event) {
    case 'push':
      return onPush(payload as EmitterWebhookEvent<'push'>['payload'], extraBranches);
    case 'installation':
      return onInstallation(payload as EmitterWebhookEvent<'installation'>['payload']);
    case 'installation_repositories':
      return onInstallationRepositories(payload as EmitterWebhookEvent<'installation_repositories'>['payload']);
    case 'repository':
      return onRepository(payload as EmitterWebhookEvent<'repository'>['payload']);
    default:
      return null;
  }
}

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
