import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Where an outbox row is: waiting (or being retried), turned into a workflow start, or given up. */
export type OutboxStatus = 'pending' | 'done' | 'failed';

/** `trigger_outbox`: accepted webhook deliveries on their way to Temporal. */
export interface TriggerOutboxTable {
  id: Generated<string>;
  /** GitHub's `X-GitHub-Delivery`; unique, so a redelivery finds the row of the first delivery. */
  delivery_id: string | null;
  event: string;
  summary: string;
  /** The trigger as the webhook intake produced it (`WebhookTrigger`). */
  trigger: ColumnType<unknown, string, string>;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  last_error: string | null;
  next_attempt_at: ColumnType<Date, Date | undefined, Date>;
  workflow_id: string | null;
  created_at: Generated<Date>;
  done_at: Date | null;
}

/** A row of `trigger_outbox`. */
export type TriggerOutboxRow = Selectable<TriggerOutboxTable>;
/** A new `trigger_outbox` row. */
export type NewTriggerOutboxRow = Insertable<TriggerOutboxTable>;
