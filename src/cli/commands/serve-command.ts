import { defineCommand, EXIT, reportError } from '../command.js';

/** `repograph serve`: the webhook and API server, until SIGINT/SIGTERM. */
export const serveCommand = defineCommand({
  help: `Usage: repograph serve

Listens on SERVER_HOST:SERVER_PORT (default 127.0.0.1:8080):
  POST /webhooks                      GitHub App deliveries, verified with GITHUB_WEBHOOK_SECRET
                                      (push to a default branch → reindex at that SHA; installation and
                                      installation_repositories → index; deletions → remove the graph)
  POST /api/index                     start indexing (bearer token, index scope); body as the original's /api/index
  GET  /api/workflows/{id}            a workflow's status
  GET  /api/workflows/{id}/events     its progress as server-sent events (Last-Event-ID honoured)
  GET  /healthz                       liveness
Workflows run on the workers ('repograph worker'); this process only starts them.

Examples:
  GITHUB_WEBHOOK_SECRET=... API_TOKEN=... repograph serve
  SERVER_PORT=3000 repograph serve`,
  options: {},
  positionals: [0, 0],
  async run() {
    const { readConfig } = await import('../../config/read-config.js');
    const { startRepographServer } = await import('../../server.js');
    const { createLogger } = await import('../../observability/create-logger.js');
    const config = readConfig();
    let running;
    try {
      running = await startRepographServer(
        config,
        createLogger({ level: config.observability.logLevel, fields: { service: 'server' } }),
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return reportError(
        `the server could not start: ${message}`,
        "check SERVER_PORT and 'repograph stack status'",
        EXIT.unavailable,
      );
    }
    process.stdout.write(`repograph serve listening on ${running.url}\n`);
    if (config.github.webhookSecret == null) process.stdout.write('  webhooks off: set GITHUB_WEBHOOK_SECRET\n');
    if (config.server.apiClients.length === 0) process.stdout.write('  /api/* off: set API_TOKEN or API_TOKENS\n');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await running.close();
    return EXIT.ok;
  },
});
