import { parseArgs } from 'node:util';
import type { Command } from '../command.js';
import { EXIT, reportError } from '../command.js';

/** `repograph index-installation <id>`: index every repository of an App installation. */
export const indexInstallationCommand: Command = {
  help: `Usage: repograph index-installation <installation id> [--repos <github id,...>] [--wait]

Starts InstallationIndexingWorkflow (workflow id installation-index-<id>): it lists the installation's
repositories with a fresh installation token and runs one RepoIndexingWorkflow per repository, 4 at a time.
If that installation's run is already going, this joins it. --wait prints the per-repository outcome.

Examples:
  repograph index-installation 4242001
  repograph index-installation 4242001 --repos 700001,700003 --wait`,
  async run(argv) {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        options: { repos: { type: 'string' }, wait: { type: 'boolean' } },
      });
    } catch (error) {
      return reportError(
        String(error instanceof Error ? error.message : error),
        "see 'repograph index-installation --help'",
        EXIT.usage,
      );
    }
    const id = Number(parsed.positionals[0]);
    if (parsed.positionals.length !== 1 || !Number.isSafeInteger(id) || id <= 0) {
      return reportError(
        'expected one numeric installation id',
        "run e.g. 'repograph index-installation 4242001'",
        EXIT.usage,
      );
    }
    const repos = parsed.values.repos?.split(',').map(Number);
    if (repos != null && repos.some((r) => !Number.isSafeInteger(r))) {
      return reportError(
        '--repos must list numeric GitHub repository ids',
        'pass e.g. --repos 700001,700003',
        EXIT.usage,
      );
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
      if (parsed.values.wait) {
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
};
