import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig, uniqueSuffix } from '../../helpers/services.js';
import { smokeWorkflow } from './smoke-workflow.js';
import { withSmokeWorker } from './with-smoke-worker.js';

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
    const client = new Client({ connection, namespace: testConfig.temporal.namespace });
    const workflowId = `smoke-${uniqueSuffix()}`;
    const result = await withSmokeWorker(taskQueue, () =>
      client.workflow.execute(smokeWorkflow, { taskQueue, workflowId, args: ['graph'] }),
    );
    expect(result).toBe(`GRAPH from ${process.pid}!`);

    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    const completed = (history.events ?? []).filter((e) => e.activityTaskCompletedEventAttributes != null);
    expect(completed).toHaveLength(1);
  });
});
