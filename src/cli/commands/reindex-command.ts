import type { Config } from '../../config/read-config.js';
import { defineCommand, EXIT, reportError, reportUsageError } from '../command.js';

/** Options of {@link reindexRepository}. */
export interface ReindexOptions {
  /** Branch to index; default the repository's default branch. */
  branch?: string;
  commitSha?: string;
  full: boolean;
  /** Wait for the run and include its result. */
  wait: boolean;
}

/**
 * Finds the App installation of `owner/repo` and signal-with-starts its RepoIndexingWorkflow; returns the
 * workflow id, the Temporal UI link and, with `wait`, the result. The workflow records the repository's row.
 */
export async function reindexRepository(
  config: Config,
  fullName: string,
  options: ReindexOptions,
): Promise<Record<string, unknown>> {
  const { findRepositoryInstallation } = await import('../../github/find-repository-installation.js');
  const { readGitHubAppCredentials } = await import('../../github/github-app-credentials.js');
  const { repositoryRefOf } = await import('../../github/github-repository.js');
  const { createTemporalClient } = await import('../../temporal/create-temporal-client.js');
  const { startRepoIndexing } = await import('../../temporal/start-repo-indexing.js');
  const found = await findRepositoryInstallation(readGitHubAppCredentials(config.github), fullName);
  const repository = repositoryRefOf(found.repository, { branch: options.branch, commitSha: options.commitSha });
  const client = await createTemporalClient(config.temporal);
  try {
    const started = await startRepoIndexing(
      client,
      {
        installation_id: found.installation_id,
        user_id: null,
        repository,
        force: options.commitSha == null,
        full: options.full,
      },
      { taskQueue: config.temporal.taskQueue },
    );
    const ui = `${config.temporal.uiUrl}/namespaces/${config.temporal.namespace}/workflows/${started.workflowId}`;
    const result = options.wait ? await started.handle.result() : undefined;
    return {
      workflow_id: started.workflowId,
      run_id: started.runId,
      repo_id: repository.repo_id,
      temporal_ui: ui,
      result,
    };
  } finally {
    await client.connection.close();
  }
}

const HELP = `Usage: repograph reindex <owner/repo> [--branch <b>] [--sha <commit>] [--full] [--wait]

Finds the App installation that grants the repository (GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY, GITHUB_API_URL)
and starts RepoIndexingWorkflow on workflow id repo-index-<github id>-<branch>. A run already going for that
repository and branch takes the request and indexes it next. Only what changed since the branch was last
indexed is parsed and written; --full rebuilds everything. --wait prints the result.

Examples:
  repograph reindex acme/api
  repograph reindex acme/api --branch release --wait`;

/** `repograph reindex <owner/repo>`: index a GitHub App repository now. */
export const reindexCommand = defineCommand({
  help: HELP,
  options: {
    branch: { type: 'string' },
    sha: { type: 'string' },
    wait: { type: 'boolean' },
    full: { type: 'boolean' },
  },
  positionals: [1, 1],
  async run({ values, positionals }) {
    const fullName = positionals[0]!;
    if (!/^[\w.-]+\/[\w.-]+$/.test(fullName)) {
      return reportUsageError('reindex', HELP, `expected <owner/repo>, got "${fullName}"`);
    }
    const { readConfig } = await import('../../config/read-config.js');
    try {
      const started = await reindexRepository(readConfig(), fullName, {
        branch: values.branch,
        commitSha: values.sha,
        wait: values.wait ?? false,
        full: values.full ?? false,
      });
      process.stdout.write(`${JSON.stringify(started, null, 2)}\n`);
      return EXIT.ok;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return reportError(
        `could not index ${fullName}: ${message}`,
        'check the App credentials and that the App is installed on the repository',
        EXIT.failure,
      );
    }
  },
});
