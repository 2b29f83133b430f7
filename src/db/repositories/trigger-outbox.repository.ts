import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { TriggerOutboxRow } from '../tables/trigger-outbox.table.js';

/** A trigger to record. */
export interface NewTrigger {
  deliveryId: string | null;
  event: string;
  summary: string;
  trigger: unknown;
  /** The row is leased to the caller for this long (it dispatches at once); others take it only after. */
  leaseMs: number;
}

/**
 * Records a trigger; returns its id, or null when a row with the same delivery id exists already (a redelivery).
 * The row starts leased to the caller, so a dispatcher loop does not race the caller's own dispatch.
 */
export async function insertTrigger(db: Kysely<Database>, input: NewTrigger): Promise<string | null> {
  const row = await db
    .insertInto('trigger_outbox')
    .values({
      delivery_id: input.deliveryId,
      event: input.event,
      summary: input.summary,
      trigger: JSON.stringify(input.trigger),
      next_attempt_at: sql<Date>`now() + ${`${input.leaseMs} milliseconds`}::interval`,
      last_error: null,
      workflow_id: null,
      done_at: null,
    })
    .onConflict((oc) => oc.column('delivery_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Takes up to `limit` due pending triggers, oldest first, leasing each for `leaseMs` and counting the attempt.
 * `FOR UPDATE SKIP LOCKED` lets several servers drain one outbox without taking the same row.
 */
export async function claimDueTriggers(
  db: Kysely<Database>,
  limit: number,
  leaseMs: number,
): Promise<TriggerOutboxRow[]> {
  return db
    .updateTable('trigger_outbox')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      next_attempt_at: sql<Date>`now() + ${`${leaseMs} milliseconds`}::interval`,
    }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('trigger_outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', sql<Date>`now()`)
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

/** Marks a trigger dispatched. */
export async function markTriggerDone(db: Kysely<Database>, id: string, workflowId: string): Promise<void> {
  await db
    .updateTable('trigger_outbox')
    .set({ status: 'done', workflow_id: workflowId, done_at: sql<Date>`now()`, last_error: null })
    .where('id', '=', id)
    .execute();
}

/** Puts a trigger back for another attempt after `delayMs`, keeping the error for people. */
export async function markTriggerRetry(
  db: Kysely<Database>,
  id: string,
  error: string,
  delayMs: number,
): Promise<void> {
  await db
    .updateTable('trigger_outbox')
    .set({ last_error: error, next_attempt_at: sql<Date>`now() + ${`${delayMs} milliseconds`}::interval` })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

/** Gives a trigger up (a permanent error): it stays in the table with the error. */
export async function markTriggerFailed(db: Kysely<Database>, id: string, error: string): Promise<void> {
  await db
    .updateTable('trigger_outbox')
    .set({ status: 'failed', last_error: error, done_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

/** Counts of the outbox by status (for /metrics and tests). */
export async function countTriggers(db: Kysely<Database>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('trigger_outbox')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
