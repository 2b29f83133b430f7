import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import type { Config } from '../../../src/config/read-config.js';
import { testConfig, uniqueSuffix } from '../../helpers/services.js';

let runtimeInstalled = false;

/** A Temporal client and worker connection on the real dev server, plus a unique queue and worker id per test. */
export interface WorkflowHarness {
  client: Client;
  connection: NativeConnection;
  config: Config;
  taskQueue: string;
  close(): Promise<void>;
}

/** Connects to 127.0.0.1:7233; `workDir` overrides the run root so tests can inspect and clean it. */
export async function createWorkflowHarness(workDir: string): Promise<WorkflowHarness> {
  if (!runtimeInstalled) {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  const suffix = uniqueSuffix();
  const config: Config = {
    ...testConfig,
    work: { ...testConfig.work, workDir, workerId: `test-${suffix}` },
  };
  const clientConnection = await Connection.connect({ address: config.temporal.address });
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  return {
    client: new Client({ connection: clientConnection, namespace: config.temporal.namespace }),
    connection,
    config,
    taskQueue: `repo-indexing-test-${suffix}`,
    async close() {
      await connection.close();
      await clientConnection.close();
    },
  };
}

/** Sizes in bytes of every payload in a workflow's history (inputs, results, signals, failures' details). */
export function payloadSizes(history: unknown): number[] {
  const sizes: number[] = [];
  const visit = (value: unknown): void => {
    if (value == null || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach(visit);
    const record = value as Record<string, unknown>;
    if (record.data instanceof Uint8Array && record.metadata != null) sizes.push(record.data.byteLength);
    for (const child of Object.values(record)) visit(child);
  };
  visit(history);
  return sizes;
}
