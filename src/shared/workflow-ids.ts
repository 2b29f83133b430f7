import type { RepositoryRef } from './repo-indexing.js';

/**
 * The id of a repository's indexing workflow for one branch, `repo-index-{github_repo_id}-{branch}` (the
 * original's scheme); repositories that are not on GitHub use their `repo_id` in place of the GitHub id. One id
 * per indexing unit, so duplicate triggers join the run that is going instead of starting a second one.
 */
export function repoIndexingWorkflowId(
  repository: Pick<RepositoryRef, 'github_repo_id' | 'repo_id' | 'default_branch'>,
): string {
  const key = repository.github_repo_id ?? repository.repo_id;
  return `repo-index-${key}-${repository.default_branch}`;
}

/**
 * The id of InstallationIndexingWorkflow: `installation-index-<id>` for the whole installation, and
 * `installation-index-<id>-<key>` for the subset named by one webhook delivery (`key` = its delivery id).
 */
export function installationIndexingWorkflowId(installationId: number, key?: string): string {
  return key == null ? `installation-index-${installationId}` : `installation-index-${installationId}-${key}`;
}

/**
 * The id of RepositoryRemovalWorkflow for one request: `scope` names what is removed (repository ids or an
 * installation), `key` the request (the webhook delivery id), so one delivery never removes twice.
 */
export function repositoryRemovalWorkflowId(scope: string, key: string): string {
  return `repo-remove-${scope}-${key}`;
}
