import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTaskQueuePollers, inProcessWorkerIdentity } from '../../../src/temporal/has-task-queue-pollers.js';
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

  it('counts a polling worker, but not the in-process worker of a repograph index command', async () => {
    const dedicated = `pollers-${uniqueSuffix()}`;
    expect(await hasTaskQueuePollers(client, dedicated)).toBe(false);
    expect(await withSmokeWorker(dedicated, () => pollersOnceListed(dedicated))).toBe(true);

    const inProcess = `pollers-${uniqueSuffix()}`;
    const seen = await withSmokeWorker(
      inProcess,
      async () => {
        // Wait until the server lists the poller, so a false answer is the identity's doing.
        await pollersOnceListed(inProcess);
        return hasTaskQueuePollers(client, inProcess);
      },
      inProcessWorkerIdentity(),
    );
    expect(seen).toBe(false);
  });

  async function pollersOnceListed(taskQueue: string): Promise<boolean> {
    for (let i = 0; i < 60; i++) {
      const { pollers } = await client.workflowService.describeTaskQueue({
        namespace: testConfig.temporal.namespace,
        taskQueue: { name: taskQueue },
        taskQueueType: 1,
      });
      if ((pollers ?? []).length > 0) return hasTaskQueuePollers(client, taskQueue);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`no poller listed on ${taskQueue} within 15 s`);
  }
});
