import type { Command } from '../command.js';
import { EXIT, reportError } from '../command.js';

/** `repograph worker`: runs the indexing worker until SIGINT/SIGTERM. */
export const workerCommand: Command = {
  help: `Usage: repograph worker

Polls the task queue TEMPORAL_TASK_QUEUE (default repo-indexing-queue) for RepoIndexingWorkflow and its
activities, and REPOGRAPH_WORKER_ID's own queue (<queue>@<id>) for the steps that read this host's clones.
Runs the Postgres migrations and the Neo4j schema at start. Stop with Ctrl-C (in-flight tasks drain first).

Examples:
  repograph worker
  REPOGRAPH_WORKER_ID=host-a repograph worker`,
  async run(argv) {
    if (argv.length > 0)
      return reportError(
        `unexpected arguments: ${argv.join(' ')}`,
        "run 'repograph worker' without arguments",
        EXIT.usage,
      );
    const { runWorker } = await import('../../worker.js');
    try {
      await runWorker();
      return EXIT.ok;
    } catch (error) {
      return reportError(
        `the worker stopped: ${error instanceof Error ? error.message : String(error)}`,
        "check 'repograph stack status' and the configuration",
        EXIT.unavailable,
      );
    }
  },
};
