import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Log } from './api/http-reply.js';
import type { IndexSourcePolicy } from './api/resolve-index-source.js';
import type { Config } from './config/read-config.js';
import { createDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { findRepositoryInstallation } from './github/find-repository-installation.js';
import { readGitHubAppCredentials } from './github/github-app-credentials.js';
import { createWebhookVerifier } from './github/verify-webhook.js';
import { createHttpServer } from './http/create-http-server.js';
import { TriggerDispatcher, type TriggerDispatcherOptions } from './http/trigger-dispatcher.js';
import { createTemporalClient } from './temporal/create-temporal-client.js';

/** A listening server and what it owns. */
export interface RunningServer {
  url: string;
  server: Server;
  dispatcher: TriggerDispatcher;
  /** Stops accepting and dispatching, then closes the Temporal and Postgres clients. */
  close(): Promise<void>;
}

/**
 * Composition root of `repograph serve`: connects Temporal and Postgres once, brings the schema up to date,
 * starts the outbox dispatcher (which also takes the triggers a previous process accepted but had not started)
 * and listens on `config.server` (port 0 picks a free port).
 */
export async function startRepographServer(
  config: Config,
  log: Log = console,
  options: { dispatcher?: Partial<TriggerDispatcherOptions>; replyBudgetMs?: number } = {},
): Promise<RunningServer> {
  const client = await createTemporalClient(config.temporal);
  const db = createDatabase(config.postgres.url);
  await migrate(db as never);
  const taskQueue = config.temporal.taskQueue;
  const dispatcher = new TriggerDispatcher(db, client, taskQueue, log, {
    leaseMs: config.server.dispatchLeaseMs,
    ...options.dispatcher,
  });
  const secret = config.github.webhookSecret;
  const webhook =
    secret == null
      ? null
      : {
          webhooks: createWebhookVerifier(secret),
          db,
          dispatcher,
          extraBranches: config.github.pushBranches,
          replyBudgetMs: options.replyBudgetMs ?? config.server.webhookReplyBudgetMs,
          log,
        };
  const sources: IndexSourcePolicy = {
    allowLocalSources: config.server.apiAllowLocalSources,
    sourceHosts: config.server.apiSourceHosts,
    findInstallation:
      config.github.appId == null || config.github.privateKey == null
        ? null
        : (fullName) => findRepositoryInstallation(readGitHubAppCredentials(config.github), fullName),
  };
  const server = createHttpServer({
    webhook,
    client,
    db,
    taskQueue,
    apiClients: config.server.apiClients,
    sources,
    log,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.server.port, config.server.host, resolve);
  });
  dispatcher.start();
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    server,
    dispatcher,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await dispatcher.stop();
      await Promise.allSettled([client.connection.close(), db.destroy()]);
    },
  };
}
