import type { Webhooks } from '@octokit/webhooks';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { insertTrigger } from '../db/repositories/trigger-outbox.repository.js';
import { verifyWebhook, type Headers } from '../github/verify-webhook.js';
import type { HttpReply, Log } from '../api/http-reply.js';
import type { TriggerDispatcher } from './trigger-dispatcher.js';

// Answering within GitHub's 10 s matters more than waiting for a database that does not answer: after this the
// delivery is refused (503), nothing was accepted, and it can be redelivered.
const RECORD_TIMEOUT_MS = 7_000;

/** What {@link acceptWebhook} needs; the server builds it once. */
export interface WebhookIntake {
  webhooks: Webhooks;
  db: Kysely<Database>;
  dispatcher: TriggerDispatcher;
  /** Branches besides each repository's default branch whose pushes are indexed. */
  extraBranches: readonly string[];
  /** How long the answer waits for the workflow start before saying 202 (GitHub gives up after 10 s). */
  replyBudgetMs: number;
  log: Log;
}

/**
 * Handles one `POST /webhooks` delivery: verifies it, records what it asks for in `trigger_outbox` (in this
 * request, before any 2xx), then tries to start the workflow within the reply budget. 200 `started` when the
 * start succeeded, 202 `queued` when it is left to the dispatcher (Temporal slow or down), 200 `duplicate` for a
 * delivery id already recorded (a redelivery, also after a restart), 200 `ignored` for events that need nothing,
 * 503 when the delivery could not be recorded (nothing was accepted, so GitHub shows it failed).
 */
export async function acceptWebhook(intake: WebhookIntake, headers: Headers, rawBody: string): Promise<HttpReply> {
  const verified = await verifyWebhook(intake.webhooks, headers, rawBody, intake.extraBranches);
  if (!verified.ok) return { status: verified.status, body: { error: verified.error } };
  const { event, deliveryId, routed } = verified;
  if (routed == null) return { status: 200, body: { status: 'ignored', event } };
  let id: string | null;
  try {
    const recorded = insertTrigger(intake.db, {
      deliveryId: deliveryId === '' ? null : deliveryId,
      event,
      summary: routed.summary,
      trigger: routed.trigger,
      leaseMs: intake.dispatcher.leaseMs,
    });
    id = await Promise.race([recorded, sleep(RECORD_TIMEOUT_MS).then(() => Promise.reject(new Error('timed out')))]);
  } catch (error) {
    intake.log.error(
      `could not record delivery ${deliveryId}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return {
      status: 503,
      body: { status: 'unavailable', event, detail: 'the delivery could not be recorded; redeliver it' },
    };
  }
  if (id == null) return { status: 200, body: { status: 'duplicate', event } };
  intake.log.info(`webhook ${event} (delivery ${deliveryId}): ${routed.summary}`);
  const dispatch = intake.dispatcher.dispatch({
    id,
    deliveryId: deliveryId === '' ? null : deliveryId,
    trigger: routed.trigger,
    summary: routed.summary,
    attempts: 0,
  });
  const outcome = await Promise.race([dispatch, sleep(intake.replyBudgetMs).then(() => 'slow' as const)]);
  if (outcome === 'done') return { status: 200, body: { status: 'started', event, action: routed.summary } };
  return { status: 202, body: { status: 'queued', event, action: routed.summary } };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
