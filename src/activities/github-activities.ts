import type { RepositoryRef } from '../shared/repo-indexing.js';
import { classifyPostgresError } from '../db/classify-postgres-error.js';
import { createGitHubRequest } from '../github/create-github-request.js';
import { createInstallationToken } from '../github/create-installation-token.js';
import { readGitHubAppCredentials } from '../github/github-app-credentials.js';
import { listInstallationRepositories } from '../github/list-installation-repositories.js';
import { upsertGitHubRepository } from '../db/repositories/github-repositories.repository.js';
import type { ActivityDeps } from './activity-deps.js';

/** Input of `listInstallationRepositories`. */
export interface ListInstallationRepositoriesInput {
  installation_id: number;
  /** Only these GitHub repository ids; null for every repository of the installation. */
  repository_ids: number[] | null;
}

/** Output of `listInstallationRepositories`: one ref per repository to index, `repo_id` already recorded. */
export interface ListInstallationRepositoriesResult {
  repositories: RepositoryRef[];
  /** Requested ids the installation does not grant (removed meanwhile). */
  missing_repository_ids: number[];
}

/**
 * The GitHub App activities, closed over the worker's config and database. Registered next to the indexing
 * activities by one spread line in `createActivities`.
 */
export function createGitHubActivities(deps: Pick<ActivityDeps, 'config' | 'db'>) {
  return {
    /**
     * Lists an installation's repositories with a token minted for this invocation only (never returned or
     * logged), upserts their `repositories` rows with the real default branch (C29) and returns their refs.
     * Idempotent. GitHub failures are classified (a removed installation is `InstallationRevoked`, not
     * retried); database failures go through the Postgres classifier.
     */
    async listInstallationRepositories(
      input: ListInstallationRepositoriesInput,
    ): Promise<ListInstallationRepositoriesResult> {
      const credentials = readGitHubAppCredentials(deps.config.github);
      const token = await createInstallationToken(credentials, input.installation_id);
      const all = await listInstallationRepositories(createGitHubRequest(credentials.apiUrl, token));
      const wanted = input.repository_ids == null ? null : new Set(input.repository_ids);
      const chosen = wanted == null ? all : all.filter((r) => wanted.has(r.github_repo_id));
      const repositories: RepositoryRef[] = [];
      try {
        for (const repo of chosen) {
          const repoId = await upsertGitHubRepository(deps.db, input.installation_id, repo);
          repositories.push({
            github_repo_name: repo.full_name,
            github_repo_id: repo.github_repo_id,
            repo_id: repoId,
            repo_url: repo.clone_url,
            commit_sha: null,
            default_branch: repo.default_branch,
          });
        }
      } catch (error) {
        throw classifyPostgresError(error);
      }
      const found = new Set(chosen.map((r) => r.github_repo_id));
      return { repositories, missing_repository_ids: (input.repository_ids ?? []).filter((id) => !found.has(id)) };
    },
  };
}

/** The GitHub activities' type, for `proxyActivities<GitHubActivities>` in workflows. */
export type GitHubActivities = ReturnType<typeof createGitHubActivities>;
