import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import {
  claimDueTriggers,
  markTriggerDone,
  markTriggerFailed,
  markTriggerRetry,
} from '../db/repositories/trigger-outbox.repository.js';
import type { WebhookTrigger } from '../github/webhook-trigger.js';
import { dispatchTrigger } from './dispatch-trigger.js';
import type { Log } from '../api/http-reply.js';

/** Settings of the {@link TriggerDispatcher}. */
export interface TriggerDispatcherOptions {
  /** How often the outbox is polled for due rows. */
  pollMs: number;
  /** How long a claimed row is reserved for one dispatch before another dispatcher may take it. */
  leaseMs: number;
  /** Delay before the first retry, doubled per attempt up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Attempts before a trigger is given up (it stays in the table, `failed`, with its last error). */
  maxAttempts: number;
}

const DEFAULTS: TriggerDispatcherOptions = {
  pollMs: 1_000,
  leaseMs: 30_000,
  baseDelayMs: 1_000,
  maxDelayMs: 300_000,
  maxAttempts: 100,
};

/** What became of one dispatch attempt. */
export type DispatchOutcome = 'done' | 'retrying' | 'failed';

/**
 * Drains `trigger_outbox` into Temporal: every accepted webhook is a row, and a row is marked done only after its
 * workflow start succeeded, so a trigger survives a Temporal outage or a server crash (another server, or this
 * one restarted, takes it once its lease has run out). Several dispatchers may drain one outbox.
 */
export class TriggerDispatcher {
  readonly #options: TriggerDispatcherOptions;
  #timer: NodeJS.Timeout | null = null;
  #draining: Promise<void> | null = null;
  #stopped = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly log: Log,
    options: Partial<TriggerDispatcherOptions> = {},
  ) {
    this.#options = { ...DEFAULTS, ...options };
  }

  /** The lease a caller takes when it records a row it dispatches itself. */
  get leaseMs(): number {
    return this.#options.leaseMs;
  }

  /** Dispatches one recorded row now; `attempts` is how many attempts it has had before this one. */
  async dispatch(row: {
    id: string;
    deliveryId: string | null;
    trigger: WebhookTrigger;
    summary: string;
    attempts: number;
  }): Promise<DispatchOutcome> {
    const key = row.deliveryId ?? `outbox-${row.id}`;
    try {
      const workflowId = await dispatchTrigger(this.client, row.trigger, { key, taskQueue: this.taskQueue });
      await markTriggerDone(this.db, row.id, workflowId);
      this.log.info(`dispatched "${row.summary}" to ${workflowId}`);
      return 'done';
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const attempt = row.attempts + 1;
      if (attempt >= this.#options.maxAttempts) {
        await markTriggerFailed(this.db, row.id, message).catch(() => undefined);
        this.log.error(`gave up on "${row.summary}" after ${attempt} attempts: ${message}`);
        return 'failed';
      }
      const delay = Math.min(this.#options.maxDelayMs, this.#options.baseDelayMs * 2 ** (attempt - 1));
      await markTriggerRetry(this.db, row.id, message, delay).catch(() => undefined);
      this.log.warn(`"${row.summary}" could not start (attempt ${attempt}), retrying in ${delay} ms: ${message}`);
      return 'retrying';
    }
  }

  /** Takes every due row once. */
  async drainOnce(): Promise<number> {
    const rows = await claimDueTriggers(this.db, 20, this.#options.leaseMs);
    for (const row of rows) {
      await this.dispatch({
        id: row.id,
        deliveryId: row.delivery_id,
        trigger: row.trigger as WebhookTrigger,
        summary: row.summary,
        attempts: row.attempts - 1,
      });
    }
    return rows.length;
  }

  /** Starts polling; outbox or Temporal errors are logged and the next poll tries again. */
  start(): void {
    const tick = () => {
      if (this.#stopped) return;
      this.#draining = this.drainOnce()
        .then(() => undefined)
        .catch((error: unknown) =>
          this.log.warn(`outbox poll failed: ${error instanceof Error ? error.message : String(error)}`),
        )
        .finally(() => {
          this.#draining = null;
          if (!this.#stopped) this.#timer = setTimeout(tick, this.#options.pollMs);
        });
    };
    tick();
  }

  /** Stops polling and waits for the drain in progress. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer != null) clearTimeout(this.#timer);
    await this.#draining;
  }
}
