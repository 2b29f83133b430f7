import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForWorkflowPickup } from '../../../src/temporal/wait-for-workflow-pickup.js';
import { testConfig, uniqueSuffix } from '../../helpers/services.js';
import { smokeWorkflow } from '../stack/smoke-workflow.js';
import { withSmokeWorker } from '../stack/with-smoke-worker.js';

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

    const picked = await withSmokeWorker(taskQueue, async () => {
      const seen = await waitForWorkflowPickup(handle, 30_000);
      await handle.result();
      return seen;
    });
    expect(picked).toBe(true);
  });
});
