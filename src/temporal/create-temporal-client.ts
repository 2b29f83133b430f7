import { Client, Connection } from '@temporalio/client';
import type { TemporalConfig } from '../config/read-config.js';

/** Connects a Temporal client (CLI, tests, the GitHub server); close it with `client.connection.close()`. */
export async function createTemporalClient(config: TemporalConfig): Promise<Client> {
  const connection = await Connection.connect({ address: config.address });
  return new Client({ connection, namespace: config.namespace });
}
