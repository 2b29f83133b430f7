import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig, uniqueSuffix } from '../../helpers/services.js';
import { createSmokeActivities } from './smoke-activities.js';
import { smokeWorkflow } from './smoke-workflow.js';

describe('Temporal dev server', () => {
  let connection: Connection;

  beforeAll(async () => {
    connection = await Connection.connect({ address: testConfig.temporal.address });
  });
  afterAll(async () => {
    await connection?.close();
  });

  it('runs a workflow and its activity on a real worker', async () => {
    const taskQueue = `smoke-${uniqueSuffix()}`;
    const workerConnection = await NativeConnection.connect({ address: testConfig.temporal.address });
    try {
      const worker = await Worker.create({
        connection: workerConnection,
        namespace: testConfig.temporal.namespace,
        taskQueue,
        workflowsPath: fileURLToPath(new URL('./smoke-workflow.ts', import.meta.url)),
        activities: createSmokeActivities(),
      });
      const client = new Client({ connection, namespace: testConfig.temporal.namespace });
      const workflowId = `smoke-${uniqueSuffix()}`;
      const result = await worker.runUntil(
        client.workflow.execute(smokeWorkflow, { taskQueue, workflowId, args: ['graph'] }),
      );
      expect(result).toBe(`GRAPH from ${process.pid}!`);

      const history = await client.workflow.getHandle(workflowId).fetchHistory();
      const types = (history.events ?? []).map((e) => e.activityTaskCompletedEventAttributes != null);
      expect(types.filter(Boolean)).toHaveLength(1);
    } finally {
      await workerConnection.close();
    }
  });
});
