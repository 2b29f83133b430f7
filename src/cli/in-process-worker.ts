import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import type { Config } from '../config/read-config.js';

let runtimeInstalled = false;

/**
 * Runs a repograph worker inside this process (for `repograph index` when no worker polls the queue) and returns
 * its stop function. The Temporal runtime is installed without signal handlers, so Ctrl-C is the command's to
 * handle, and with ERROR logs only, since the run's progress is the command's output.
 */
export async function startInProcessWorker(config: Config): Promise<() => Promise<void>> {
  if (!runtimeInstalled) {
    Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });
    runtimeInstalled = true;
  }
  const { createWorker, createWorkerResources } = await import('../worker.js');
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const resources = await createWorkerResources(config).catch(async (error: unknown) => {
    await connection.close();
    throw error;
  });
  const worker = await createWorker({ config, connection, activityDeps: resources.activityDeps });
  const running = worker.run();
  return async () => {
    worker.shutdown();
    await running.catch(() => undefined);
    await resources.close();
    await connection.close();
  };
}
