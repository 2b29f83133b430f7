import type { ServerResponse } from 'node:http';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { WorkflowRunEventRow } from '../db/tables/workflow-run-events.table.js';

/** Pacing of the stream (as in the original: 0.5 s polls, 50 rows, a heartbeat comment about every 30 s). */
export interface EventStreamOptions {
  pollMs: number;
  batchSize: number;
  heartbeatMs: number;
  /** The stream ends after this long even without a terminal event, so no connection lives forever. */
  maxDurationMs: number;
  /**
   * Awaited between a run's terminal event and `close`, with that run's id: the server waits there until
   * Temporal reports the run closed, so the status a client asks for next is final.
   */
  settled?(workflowRunId: string): Promise<void>;
}

const DEFAULTS: EventStreamOptions = { pollMs: 500, batchSize: 50, heartbeatMs: 30_000, maxDurationMs: 3_600_000 };
const TERMINAL = new Set(['workflow_completed', 'workflow_failed']);

/**
 * `GET /api/workflows/{id}/events` (B3: the path `/api/index` advertises): server-sent events of the workflow's
 * `workflow_run_events`, each with `id: <sequence_number>`. Resumes after `Last-Event-ID` (header, or the
 * `last_event_id` query parameter); without it, starts at the latest run's first event so older runs under the
 * same workflow id are not replayed. Ends with `event: close` on `workflow_completed`/`workflow_failed`, once
 * `settled` (when given) says the run is closed.
 */
export async function streamWorkflowEvents(
  db: Kysely<Database>,
  workflowId: string,
  lastEventId: number | null,
  res: ServerResponse,
  options: Partial<EventStreamOptions> = {},
): Promise<void> {
  const { pollMs, batchSize, heartbeatMs, maxDurationMs, settled } = { ...DEFAULTS, ...options };
  let last = lastEventId ?? (await latestRunStart(db, workflowId));
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write(frame('connected', { workflow_id: workflowId, sequence: last }));
  let closed = false;
  res.on('close', () => (closed = true));
  const deadline = Date.now() + maxDurationMs;
  let nextHeartbeat = Date.now() + heartbeatMs;
  try {
    while (!closed && Date.now() < deadline) {
      const rows = await nextEvents(db, workflowId, last, batchSize);
      for (const row of rows) {
        last = row.sequence_number;
        res.write(frame('activity', toJson(row), row.sequence_number));
        if (TERMINAL.has(row.event_type)) {
          await settled?.(row.workflow_run_id);
          res.end(frame('close', { reason: row.event_type }));
          return;
        }
      }
      if (Date.now() >= nextHeartbeat) {
        res.write(': heartbeat\n\n');
        nextHeartbeat = Date.now() + heartbeatMs;
      }
      if (rows.length < batchSize) await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    res.end(frame('close', { reason: closed ? 'client_closed' : 'timeout' }));
  } catch (error) {
    res.end(frame('error', { error: error instanceof Error ? error.message : String(error), workflow_id: workflowId }));
  }
}

async function latestRunStart(db: Kysely<Database>, workflowId: string): Promise<number> {
  const latest = await db
    .selectFrom('workflow_run_events')
    .select('workflow_run_id')
    .where('workflow_id', '=', workflowId)
    .orderBy('sequence_number', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (latest == null) return 0;
  const first = await db
    .selectFrom('workflow_run_events')
    .select((eb) => eb.fn.min('sequence_number').as('first'))
    .where('workflow_id', '=', workflowId)
    .where('workflow_run_id', '=', latest.workflow_run_id)
    .executeTakeFirst();
  return Math.max(0, Number(first?.first ?? 1) - 1);
}

function nextEvents(
  db: Kysely<Database>,
  workflowId: string,
  after: number,
  limit: number,
): Promise<WorkflowRunEventRow[]> {
  return db
    .selectFrom('workflow_run_events')
    .selectAll()
    .where('workflow_id', '=', workflowId)
    .where('sequence_number', '>', after)
    .orderBy('sequence_number')
    .limit(limit)
    .execute();
}

function toJson(row: WorkflowRunEventRow): Record<string, unknown> {
  return {
    id: row.id,
    workflow_id: row.workflow_id,
    workflow_run_id: row.workflow_run_id,
    workflow_type: row.workflow_type,
    sequence_number: row.sequence_number,
    activity_name: row.activity_name,
    event_type: row.event_type,
    message: row.message,
    metadata: row.metadata,
    created_at: row.created_at.toISOString(),
  };
}

function frame(event: string, data: unknown, id?: number): string {
  return `${id == null ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
