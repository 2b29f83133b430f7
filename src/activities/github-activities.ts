import { classifyPostgresError } from '../db/classify-postgres-error.js';
import { recordGitHubInstallation } from '../db/repositories/github-installations.repository.js';
import { upsertRepository } from '../db/repositories/repositories.repository.js';
import { createGitHubRequest } from '../github/create-github-request.js';
import { createInstallationToken } from '../github/create-installation-token.js';
import { readGitHubAppCredentials } from '../github/github-app-credentials.js';
import { repositoryRefOf } from '../github/github-repository.js';
import { listInstallationRepositories } from '../github/list-installation-repositories.js';
import type {
  InstallationAccount,
  ListInstallationRepositoriesInput,
  ListInstallationRepositoriesResult,
} from '../shared/installation-indexing.js';
import type { RepositoryRef } from '../shared/repo-indexing.js';
import type { ActivityDeps } from './activity-deps.js';

/**
 * The GitHub App activities, closed over the worker's config and database. Registered next to the indexing
 * activities by one spread line in `createActivities`.
 */
export function createGitHubActivities(deps: Pick<ActivityDeps, 'config' | 'db'>) {
  return {
    /** Upserts the `github_installations` row of a new installation. Idempotent. */
    async recordInstallation(account: InstallationAccount): Promise<void> {
      await recordGitHubInstallation(deps.db, account).catch((error: unknown) => {
        throw classifyPostgresError(error);
      });
    },
    /**
     * Lists an installation's repositories with a token minted for this invocation only (never returned or
     * logged), upserts their `repositories` rows with the real default branch and returns their refs.
     * Idempotent. GitHub failures are classified (a removed installation is `InstallationRevoked`, not retried);
     * database failures go through the Postgres classifier.
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
          const ref = repositoryRefOf(repo);
          await upsertRepository(deps.db, {
            id: ref.repo_id,
            installation_id: input.installation_id,
            github_repo_id: repo.github_repo_id,
            github_repo_name: repo.full_name,
            default_branch: repo.default_branch,
            fallback_branch: repo.default_branch,
            source_url: repo.clone_url,
            private: repo.private,
          });
          repositories.push(ref);
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
