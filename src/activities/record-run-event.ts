import { log } from '@temporalio/activity';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { appendRunEvent } from '../db/repositories/workflow-run-events.repository.js';
import type { RunEventType } from '../db/tables/workflow-run-events.table.js';
import type { EventContext } from '../shared/indexing-steps.js';

/**
 * Appends a progress event (the original's events). Never throws: progress reporting must not fail a step, so a database
 * error is logged as a warning and dropped.
 */
export async function recordRunEvent(
  db: Kysely<Database>,
  context: EventContext,
  activityName: string | null,
  eventType: RunEventType,
  message: string,
  metadata: Record<string, unknown> = {},
): Promise<void> {
  try {
    await appendRunEvent(db, {
      workflow_id: context.workflow_id,
      workflow_run_id: context.workflow_run_id,
      workflow_type: context.workflow_type,
      user_id: context.user_id,
      installation_id: context.installation_id,
      repo_id: context.repo_id,
      branch: context.branch,
      activity_name: activityName,
      event_type: eventType,
      message,
      metadata,
    });
  } catch (error) {
    log.warn('Could not record a workflow run event', { eventType, activityName, error: String(error) });
  }
}
