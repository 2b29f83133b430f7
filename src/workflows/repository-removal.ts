import { log, proxyActivities } from '@temporalio/workflow';
import type { RemovalActivities } from '../activities/removal-activities.js';
import type { RemovedBranch, RepositoryRemovalInput, RepositoryRemovalResult } from '../shared/repository-removal.js';
import { repoIndexingWorkflowId } from '../shared/workflow-ids.js';
import { STEP_RETRY } from './activity-options.js';

const { listRemovalTargets, deleteBranchGraph, forgetIndexedBranches } = proxyActivities<RemovalActivities>({
  startToCloseTimeout: '10m',
  heartbeatTimeout: '1m',
  retry: STEP_RETRY,
});
const { stopIndexingRuns } = proxyActivities<RemovalActivities>({
  startToCloseTimeout: '3m',
  heartbeatTimeout: '30s',
  retry: STEP_RETRY,
});

/**
 * Removes what repograph holds of repositories (or of one branch) that went away on GitHub: stops their indexing
 * runs so none writes after the removal, deletes their graphs, then forgets their snapshots and files (the
 * repository rows stay for their event history). Runs per repository one after the other; every step is
 * idempotent, so a retry or a redelivered event converges on the same end state.
 */
export async function RepositoryRemovalWorkflow(input: RepositoryRemovalInput): Promise<RepositoryRemovalResult> {
  const { targets } = await listRemovalTargets(input);
  const branch = input.branch ?? null;
  const removed: RemovedBranch[] = [];
  for (const target of targets) {
    const key = { github_repo_id: target.github_repo_id, repo_id: target.repo_id };
    const ids = target.branches.map((b) => repoIndexingWorkflowId({ ...key, default_branch: b }));
    const prefix = branch == null ? repoIndexingWorkflowId({ ...key, default_branch: '' }) : null;
    const { cancelled } = await stopIndexingRuns({ workflow_ids: ids, prefix });
    const { nodes_deleted } = await deleteBranchGraph({ repo_id: target.repo_id, branch });
    await forgetIndexedBranches({ repo_id: target.repo_id, branch, installation_id: input.installation_id ?? null });
    log.info('Repository removed', { repo_id: target.repo_id, branch, nodes_deleted, cancelled });
    removed.push({
      repo_id: target.repo_id,
      github_repo_id: target.github_repo_id,
      branch: branch ?? '*',
      runs_cancelled: cancelled,
      nodes_deleted,
    });
  }
  return { removed };
}
