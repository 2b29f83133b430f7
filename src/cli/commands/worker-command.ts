import { defineCommand, EXIT, reportError } from '../command.js';

/** `repograph worker`: runs the indexing worker until SIGINT/SIGTERM. */
export const workerCommand = defineCommand({
  help: `Usage: repograph worker

Polls the task queue TEMPORAL_TASK_QUEUE (default repo-indexing-queue) for RepoIndexingWorkflow and its
activities, and REPOGRAPH_WORKER_ID's own queue (<queue>@<id>) for the steps that read this host's clones.
Runs the Postgres migrations and the Neo4j schema at start. Stop with Ctrl-C (in-flight tasks drain first).

Examples:
  repograph worker
  REPOGRAPH_WORKER_ID=host-a repograph worker`,
  options: {},
  positionals: [0, 0],
  async run() {
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
});
