import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { NewWorkflowRunEventRow, WorkflowRunEventRow } from '../tables/workflow-run-events.table.js';

/** An event to append; the sequence number is assigned here. */
export type RunEventInput = Omit<NewWorkflowRunEventRow, 'sequence_number' | 'metadata'> & {
  metadata: Record<string, unknown>;
};

/**
 * Appends an event with the next sequence number of its workflow id. A transaction-scoped advisory lock on the
 * workflow id serialises concurrent appends (a bare `max + 1` races under concurrency); the unique index is the backstop.
 */
export async function appendRunEvent(db: Kysely<Database>, event: RunEventInput): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${event.workflow_id}, 0))`.execute(trx);
    const { next } = await trx
      .selectFrom('workflow_run_events')
      .select((eb) => sql<number>`COALESCE(MAX(${eb.ref('sequence_number')}), 0) + 1`.as('next'))
      .where('workflow_id', '=', event.workflow_id)
      .executeTakeFirstOrThrow();
    // An event may precede the repositories row (the first step creates it): link it only when the row exists.
    const repoId =
      event.repo_id == null
        ? null
        : sql<string | null>`(SELECT id FROM repositories WHERE id = ${event.repo_id}::uuid)`;
    await trx
      .insertInto('workflow_run_events')
      .values({ ...event, repo_id: repoId, sequence_number: next, metadata: JSON.stringify(event.metadata) })
      .execute();
    return next;
  });
}

/** Events of one workflow run in sequence order. */
export async function listRunEvents(db: Kysely<Database>, workflowRunId: string): Promise<WorkflowRunEventRow[]> {
  return db
    .selectFrom('workflow_run_events')
    .selectAll()
    .where('workflow_run_id', '=', workflowRunId)
    .orderBy('sequence_number')
    .execute();
}
