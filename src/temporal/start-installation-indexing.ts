import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { InstallationIndexingInput } from '../shared/installation-indexing.js';
import { REPO_INDEXING_TASK_QUEUE } from '../shared/task-queues.js';
import { installationIndexingWorkflowId } from '../shared/workflow-ids.js';
import type { InstallationIndexingWorkflow } from '../workflows/index-installation.js';

/** Where {@link startInstallationIndexing} sent the request. */
export interface StartedInstallationIndexing {
  workflowId: string;
  /** The run started, or the one already going; null when that delivery's run already finished. */
  runId: string | null;
}

/**
 * Starts InstallationIndexingWorkflow, or joins the run already going under the same id. With a `key` (a
 * delivery id) the id can never run twice, so a redelivered event for the same repositories does nothing.
 */
export async function startInstallationIndexing(
  client: Client,
  input: InstallationIndexingInput,
  options: { taskQueue?: string; key?: string } = {},
): Promise<StartedInstallationIndexing> {
  const workflowId = installationIndexingWorkflowId(input.installation_id, options.key);
  try {
    const handle = await client.workflow.start<typeof InstallationIndexingWorkflow>('InstallationIndexingWorkflow', {
      workflowId,
      taskQueue: options.taskQueue ?? REPO_INDEXING_TASK_QUEUE,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: options.key == null ? 'ALLOW_DUPLICATE' : 'REJECT_DUPLICATE',
    });
    return { workflowId, runId: handle.firstExecutionRunId };
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return { workflowId, runId: null };
    throw error;
  }
}
