import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForWorkflowPickup } from '../../../src/temporal/wait-for-workflow-pickup.js';
import { testConfig, uniqueSuffix } from '../../helpers/services.js';
import { createSmokeActivities } from '../stack/smoke-activities.js';
import { smokeWorkflow } from '../stack/smoke-workflow.js';

describe('waitForWorkflowPickup', () => {
  let connection: Connection;
  let client: Client;

  beforeAll(async () => {
    connection = await Connection.connect({ address: testConfig.temporal.address });
    client = new Client({ connection, namespace: testConfig.temporal.namespace });
  });
  afterAll(async () => {
    await connection?.close();
  });

  it('says no when nothing polls the queue, then yes once a worker takes the run', async () => {
    const taskQueue = `pickup-${uniqueSuffix()}`;
    const handle = await client.workflow.start(smokeWorkflow, {
      taskQueue,
      workflowId: `pickup-${uniqueSuffix()}`,
      args: ['x'],
    });
    expect(await waitForWorkflowPickup(handle, 1_500)).toBe(false);

    const workerConnection = await NativeConnection.connect({ address: testConfig.temporal.address });
    try {
      const worker = await Worker.create({
        connection: workerConnection,
        namespace: testConfig.temporal.namespace,
        taskQueue,
        workflowsPath: fileURLToPath(new URL('../stack/smoke-workflow.ts', import.meta.url)),
        activities: createSmokeActivities(),
      });
      const picked = await worker.runUntil(async () => {
        const seen = await waitForWorkflowPickup(handle, 30_000);
        await handle.result();
        return seen;
      });
      expect(picked).toBe(true);
    } finally {
      await workerConnection.close();
    }
  });
});
