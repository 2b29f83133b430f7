import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import { testConfig } from '../../helpers/services.js';
import { createSmokeActivities } from './smoke-activities.js';

/** Runs `fn` while a real worker for the smoke workflow polls `taskQueue` (as `identity`), then shuts it down. */
export async function withSmokeWorker<T>(taskQueue: string, fn: () => Promise<T>, identity?: string): Promise<T> {
  const connection = await NativeConnection.connect({ address: testConfig.temporal.address });
  try {
    const worker = await Worker.create({
      connection,
      namespace: testConfig.temporal.namespace,
      taskQueue,
      ...(identity != null && { identity }),
      workflowsPath: fileURLToPath(new URL('./smoke-workflow.ts', import.meta.url)),
      activities: createSmokeActivities(),
    });
    return await worker.runUntil(fn);
  } finally {
    await connection.close();
  }
}
