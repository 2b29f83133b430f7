import { sql, type Kysely } from 'kysely';

/**
 * `trigger_outbox`: every webhook delivery the server accepts is recorded here, in the request, before it
 * answers 2xx; a dispatcher then turns each row into a workflow start or signal and marks it done. A delivery id
 * is unique, so a redelivery is recognised across restarts, and a row survives a crash between the answer and
 * the workflow start.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE trigger_outbox (
      id BIGSERIAL PRIMARY KEY,
      delivery_id VARCHAR(255) NULL UNIQUE,
      event VARCHAR(100) NOT NULL,
      summary TEXT NOT NULL,
      trigger JSONB NOT NULL,
      status VARCHAR(20) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
      attempts INT NOT NULL DEFAULT 0,
      last_error TEXT NULL,
      next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      workflow_id VARCHAR(255) NULL,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      done_at TIMESTAMPTZ NULL
    );
    CREATE INDEX idx_trigger_outbox_pending ON trigger_outbox(next_attempt_at) WHERE status = 'pending';
  `.execute(db);
}

/** Drops the outbox. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS trigger_outbox`.execute(db);
}
