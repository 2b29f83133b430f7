import { randomUUID } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { REINDEX_SIGNAL, type ReindexRequest, type RepoIndexingInput } from '../shared/repo-indexing.js';
import { REPO_INDEXING_TASK_QUEUE } from '../shared/task-queues.js';
import { repoIndexingWorkflowId } from '../shared/workflow-ids.js';
import type { RepoIndexingWorkflow } from '../workflows/repo-indexing-workflow.js';

/** Where {@link startRepoIndexing} sent the trigger. */
export interface StartedRepoIndexing {
  workflowId: string;
  /** The run the trigger landed in: a new run, or the one already indexing this repository and branch. */
  runId: string;
  handle: WorkflowHandle<typeof RepoIndexingWorkflow>;
}

/** Options of {@link startRepoIndexing}. */
export interface StartRepoIndexingOptions {
  taskQueue?: string;
  /**
   * A stable id of this trigger (e.g. derived from a webhook delivery), so sending the same trigger twice reaches
   * a running workflow as one request; default a random id.
   */
  triggerId?: string;
}

/**
 * Starts RepoIndexingWorkflow for a repository and branch, or hands the request to the run already going:
 * signal-with-start on the workflow id `repo-index-<id>-<branch>` never starts a duplicate, and the running
 * workflow keeps the newest requested commit and indexes it right after (continue-as-new), so no commit is lost.
 */
export async function startRepoIndexing(
  client: Client,
  input: RepoIndexingInput,
  options: StartRepoIndexingOptions = {},
): Promise<StartedRepoIndexing> {
  const triggerId = options.triggerId ?? randomUUID();
  const workflowId = repoIndexingWorkflowId(input.repository);
  const request: ReindexRequest = {
    commit_sha: input.repository.commit_sha,
    trigger_id: triggerId,
    force: input.force,
    full: input.full,
  };
  const handle = await client.workflow.signalWithStart<typeof RepoIndexingWorkflow, [ReindexRequest]>(
    'RepoIndexingWorkflow',
    {
      workflowId,
      taskQueue: options.taskQueue ?? REPO_INDEXING_TASK_QUEUE,
      args: [{ ...input, trigger_id: triggerId }],
      signal: REINDEX_SIGNAL,
      signalArgs: [request],
    },
  );
  return { workflowId, runId: handle.signaledRunId, handle };
}
