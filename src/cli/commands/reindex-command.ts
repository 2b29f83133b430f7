import { parseArgs } from 'node:util';
import type { Command } from '../command.js';
import { EXIT, reportError } from '../command.js';

/** `repograph reindex <owner/repo>`: index a GitHub App repository now. */
export const reindexCommand: Command = {
  summary: 'Index a GitHub repository of the App now (private ones too)',
  help: `Usage: repograph reindex <owner/repo> [--branch <b>] [--sha <commit>] [--wait]

Finds the App installation that grants the repository (GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY, GITHUB_API_URL),
records it, and starts RepoIndexingWorkflow on workflow id repo-index-<github id>-<branch>. A run already going
for that repository and branch takes the request and indexes it next. --wait prints the result.

Examples:
  repograph reindex acme/api
  repograph reindex acme/api --branch release --wait`,
  async run(argv) {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        options: { branch: { type: 'string' }, sha: { type: 'string' }, wait: { type: 'boolean' } },
      });
    } catch (error) {
      return reportError(
        String(error instanceof Error ? error.message : error),
        "see 'repograph reindex --help'",
        EXIT.usage,
      );
    }
    const [fullName] = parsed.positionals;
    if (fullName == null || !/^[\w.-]+\/[\w.-]+$/.test(fullName) || parsed.positionals.length > 1) {
      return reportError('expected one <owner/repo>', "run e.g. 'repograph reindex acme/api'", EXIT.usage);
    }
    const { reindexRepository } = await import('../../github/reindex-repository.js');
    const { readConfig } = await import('../../config/read-config.js');
    try {
      const started = await reindexRepository(readConfig(), fullName, {
        branch: parsed.values.branch,
        commitSha: parsed.values.sha,
        wait: parsed.values.wait ?? false,
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
};
