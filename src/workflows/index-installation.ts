import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, log, proxyActivities, startChild } from '@temporalio/workflow';
import type { GitHubActivities } from '../activities/github-activities.js';
import type {
  InstallationIndexingInput,
  InstallationIndexingResult,
  InstallationRepositoryOutcome,
} from '../shared/installation-indexing.js';
import type { RepositoryRef } from '../shared/repo-indexing.js';
import { repoIndexingWorkflowId } from '../shared/workflow-ids.js';
import { STEP_RETRY } from './activity-options.js';
import { RepoIndexingWorkflow } from './repo-indexing-workflow.js';

const { listInstallationRepositories, recordInstallation } = proxyActivities<GitHubActivities>({
  startToCloseTimeout: '2m',
  retry: STEP_RETRY,
});

/** Children running at once unless the input says otherwise. */
const DEFAULT_CONCURRENCY = 4;
const MAX_CONCURRENCY = 16;

/**
 * Indexes every repository of a GitHub App installation (or the given ones): records the installation when it
 * is new, lists its repositories in an activity (which also records their rows with the real default branches),
 * then runs one child RepoIndexingWorkflow per
 * repository, at most `max_concurrency` at a time, each under the deterministic repository workflow id so a
 * push-triggered run of the same repository is never duplicated. A failing repository does not fail the others;
 * a revoked installation fails the whole run (the listing activity's permanent `InstallationRevoked`).
 */
export async function InstallationIndexingWorkflow(
  input: InstallationIndexingInput,
): Promise<InstallationIndexingResult> {
  if (input.account != null) await recordInstallation(input.account);
  const listed = await listInstallationRepositories({
    installation_id: input.installation_id,
    repository_ids: input.repository_ids ?? null,
  });
  log.info('Installation repositories listed', {
    installation_id: input.installation_id,
    count: listed.repositories.length,
  });
  const queue = [...listed.repositories];
  const outcomes: InstallationRepositoryOutcome[] = [];
  const lanes = Math.min(
    queue.length,
    Math.max(1, Math.min(MAX_CONCURRENCY, input.max_concurrency ?? DEFAULT_CONCURRENCY)),
  );
  const lane = async (): Promise<void> => {
    for (let ref = queue.shift(); ref != null; ref = queue.shift()) outcomes.push(await indexRepository(input, ref));
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  outcomes.sort((a, b) => a.repo.localeCompare(b.repo));
  return {
    installation_id: input.installation_id,
    repositories: outcomes,
    missing_repository_ids: listed.missing_repository_ids,
  };
}

async function indexRepository(
  input: InstallationIndexingInput,
  ref: RepositoryRef,
): Promise<InstallationRepositoryOutcome> {
  const workflowId = repoIndexingWorkflowId(ref);
  const outcome = { repo: ref.github_repo_name, workflow_id: workflowId };
  try {
    const child = await startChild(RepoIndexingWorkflow, {
      workflowId,
      args: [{ installation_id: input.installation_id, user_id: input.user_id ?? null, repository: ref }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
    const result = await child.result();
    return { ...outcome, status: result.status };
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return { ...outcome, status: 'already_running' };
    const message =
      error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    log.warn('Repository indexing failed', { repo: ref.github_repo_name, error: message });
    return { ...outcome, status: 'failed', error: message };
  }
}
