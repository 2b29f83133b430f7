import { defineCommand, EXIT, reportError, reportUsageError } from '../command.js';

const HELP = `Usage: repograph index-installation <installation id> [--repos <github id,...>] [--wait]

Starts InstallationIndexingWorkflow (workflow id installation-index-<id>): it lists the installation's
repositories with a fresh installation token and runs one RepoIndexingWorkflow per repository, 4 at a time.
If that installation's run is already going, this joins it. --wait prints the per-repository outcome.

Examples:
  repograph index-installation 4242001
  repograph index-installation 4242001 --repos 700001,700003 --wait`;

/** `repograph index-installation <id>`: index every repository of an App installation. */
export const indexInstallationCommand = defineCommand({
  help: HELP,
  options: { repos: { type: 'string' }, wait: { type: 'boolean' } },
  positionals: [1, 1],
  async run({ values, positionals }) {
    const id = Number(positionals[0]);
    if (!Number.isSafeInteger(id) || id <= 0) {
      return reportUsageError(
        'index-installation',
        HELP,
        `the installation id must be a number, got "${positionals[0]}"`,
      );
    }
    const repos = values.repos?.split(',').map(Number);
    if (repos != null && repos.some((r) => !Number.isSafeInteger(r) || r <= 0)) {
      return reportUsageError('index-installation', HELP, '--repos must list numeric GitHub repository ids');
    }
    const { readConfig } = await import('../../config/read-config.js');
    const { createTemporalClient } = await import('../../temporal/create-temporal-client.js');
    const { startInstallationIndexing } = await import('../../temporal/start-installation-indexing.js');
    const config = readConfig();
    const client = await createTemporalClient(config.temporal).catch(() => null);
    if (client == null)
      return reportError(
        `Temporal is not reachable at ${config.temporal.address}`,
        "run 'repograph stack up'",
        EXIT.unavailable,
      );
    try {
      const started = await startInstallationIndexing(
        client,
        { installation_id: id, repository_ids: repos ?? null },
        { taskQueue: config.temporal.taskQueue },
      );
      process.stdout.write(
        `workflow ${started.workflowId} (${config.temporal.uiUrl}/namespaces/${config.temporal.namespace}/workflows/${started.workflowId})\n`,
      );
      if (values.wait === true) {
        const result = await client.workflow.getHandle(started.workflowId).result();
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      }
      return EXIT.ok;
    } catch (error) {
      return reportError(
        `installation ${id} could not be indexed: ${error instanceof Error ? error.message : String(error)}`,
        'check the worker and the App installation',
        EXIT.failure,
      );
    } finally {
      await client.connection.close();
    }
  },
});
