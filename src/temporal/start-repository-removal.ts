import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { RepositoryRemovalInput } from '../shared/repository-removal.js';
import { REPO_INDEXING_TASK_QUEUE } from '../shared/task-queues.js';
import { repositoryRemovalWorkflowId } from '../shared/workflow-ids.js';
import type { RepositoryRemovalWorkflow } from '../workflows/repository-removal.js';

/**
 * Starts RepositoryRemovalWorkflow under an id made from `key` (a webhook delivery id): the same key never runs
 * twice, so a redelivered removal event is a no-op. Returns the workflow id.
 */
export async function startRepositoryRemoval(
  client: Client,
  input: RepositoryRemovalInput,
  options: { key: string; taskQueue?: string },
): Promise<string> {
  const scope =
    input.installation_id != null ? `installation-${input.installation_id}` : input.github_repo_ids.join('_');
  const workflowId = repositoryRemovalWorkflowId(scope, options.key);
  try {
    await client.workflow.start<typeof RepositoryRemovalWorkflow>('RepositoryRemovalWorkflow', {
      workflowId,
      taskQueue: options.taskQueue ?? REPO_INDEXING_TASK_QUEUE,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
  return workflowId;
}
