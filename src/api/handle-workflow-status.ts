import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { INDEXING_PROGRESS_QUERY } from '../shared/repo-indexing.js';
import type { HttpReply } from './http-reply.js';

/**
 * `GET /api/workflows/{id}`: the latest run's status from Temporal (type, status, times), its progress while a
 * RepoIndexingWorkflow runs, and its result once completed. 404 when no workflow has that id.
 */
export async function handleWorkflowStatus(client: Client, workflowId: string): Promise<HttpReply> {
  const handle = client.workflow.getHandle(workflowId);
  try {
    const description = await handle.describe();
    const status = description.status.name;
    const body: Record<string, unknown> = {
      workflow_id: description.workflowId,
      run_id: description.runId,
      type: description.type,
      status,
      start_time: description.startTime.toISOString(),
      close_time: description.closeTime?.toISOString() ?? null,
      events_url: `/api/workflows/${encodeURIComponent(workflowId)}/events`,
    };
    if (status === 'RUNNING' && description.type === 'RepoIndexingWorkflow') {
      body.progress = await handle.query(INDEXING_PROGRESS_QUERY).catch(() => null);
    }
    if (status === 'COMPLETED') body.result = await handle.result().catch(() => null);
    if (status === 'FAILED')
      body.error = await handle.result().then(
        () => null,
        (e: unknown) => failureMessage(e),
      );
    return { status: 200, body };
  } catch (error) {
    if (error instanceof WorkflowNotFoundError)
      return { status: 404, body: { detail: `no workflow with id ${workflowId}` } };
    throw error;
  }
}

function failureMessage(error: unknown): string {
  let current: unknown = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(error);
}
