import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Event types allowed by the CHECK constraint (the original's list). */
export type RunEventType =
  'workflow_started' | 'started' | 'progress' | 'completed' | 'failed' | 'workflow_completed' | 'workflow_failed';

/**
 * `workflow_run_events` (the original's table, plus `branch`). The JSONB column keeps its SQL name `metadata`;
 * Kysely maps columns by name, so no attribute name of an ORM can clash with it.
 */
export interface WorkflowRunEventsTable {
  id: Generated<string>;
  workflow_id: string;
  workflow_run_id: string;
  workflow_type: 'repo_indexing' | 'pr_review';
  user_id: string | null;
  installation_id: number | null;
  repo_id: string | null;
  branch: string | null;
  sequence_number: number;
  activity_name: string | null;
  event_type: RunEventType;
  message: string;
  metadata: ColumnType<Record<string, unknown>, string, string>;
  created_at: Generated<Date>;
}

/** A row of `workflow_run_events`. */
export type WorkflowRunEventRow = Selectable<WorkflowRunEventsTable>;
/** A new `workflow_run_events` row. */
export type NewWorkflowRunEventRow = Insertable<WorkflowRunEventsTable>;
