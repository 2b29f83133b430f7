import type { Config } from '../config/read-config.js';
import { createDatabase } from '../db/database.js';
import { createTemporalClient } from '../temporal/create-temporal-client.js';
import { startRepoIndexing } from '../temporal/start-repo-indexing.js';
import { findRepositoryInstallation } from './find-repository-installation.js';
import { readGitHubAppCredentials } from './github-app-credentials.js';
import { upsertGitHubRepository } from '../db/repositories/github-repositories.repository.js';

/** Options of {@link reindexRepository}. */
export interface ReindexOptions {
  /** Branch to index; default the repository's default branch. */
  branch?: string;
  commitSha?: string;
  /** Wait for the run and include its result. */
  wait: boolean;
}

/**
 * `repograph reindex`: finds the installation of `owner/repo`, records the repository and signal-with-starts
 * its RepoIndexingWorkflow. Returns the workflow id, the Temporal UI link and, with `wait`, the result.
 */
export async function reindexRepository(
  config: Config,
  fullName: string,
  options: ReindexOptions,
): Promise<Record<string, unknown>> {
  const found = await findRepositoryInstallation(readGitHubAppCredentials(config.github), fullName);
  const db = createDatabase(config.postgres.url, 1);
  const client = await createTemporalClient(config.temporal);
  try {
    const repoId = await upsertGitHubRepository(db, found.installation_id, found.repository);
    const started = await startRepoIndexing(
      client,
      {
        installation_id: found.installation_id,
        user_id: null,
        repository: {
          github_repo_name: found.repository.full_name,
          github_repo_id: found.repository.github_repo_id,
          repo_id: repoId,
          repo_url: found.repository.clone_url,
          commit_sha: options.commitSha ?? null,
          default_branch: options.branch ?? found.repository.default_branch,
        },
        force: options.commitSha == null,
      },
      { taskQueue: config.temporal.taskQueue },
    );
    const ui = `${config.temporal.uiUrl}/namespaces/${config.temporal.namespace}/workflows/${started.workflowId}`;
    const result = options.wait ? await started.handle.result() : undefined;
    return { workflow_id: started.workflowId, run_id: started.runId, repo_id: repoId, temporal_ui: ui, result };
  } finally {
    await Promise.allSettled([client.connection.close(), db.destroy()]);
  }
}
