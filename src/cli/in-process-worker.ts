import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import type { Config } from '../config/read-config.js';
import { inProcessWorkerIdentity } from '../temporal/has-task-queue-pollers.js';

let runtimeInstalled = false;

/**
 * Runs a repograph worker inside this process (for `repograph index` when no worker polls the queue) and returns
 * its stop function. The Temporal runtime is installed without signal handlers, so Ctrl-C is the command's to
 * handle, and with ERROR logs only, since the run's progress is the command's output. If the worker cannot start,
 * what was opened for it is closed before the error is thrown, so the command can exit.
 */
export async function startInProcessWorker(config: Config): Promise<() => Promise<void>> {
  if (!runtimeInstalled) {
    Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });
    runtimeInstalled = true;
  }
  const { createWorker, createWorkerResources } = await import('../worker.js');
  // Independent start-up work (a Temporal connection; the pools, migrations and graph schema) runs side by side.
  const [connecting, preparing] = await Promise.allSettled([
    NativeConnection.connect({ address: config.temporal.address }),
    createWorkerResources(config),
  ]);
  const close = async () => {
    await Promise.allSettled([
      preparing.status === 'fulfilled' ? preparing.value.close() : null,
      connecting.status === 'fulfilled' ? connecting.value.close() : null,
    ]);
  };
  if (connecting.status === 'rejected' || preparing.status === 'rejected') {
    await close();
    throw connecting.status === 'rejected' ? connecting.reason : (preparing as PromiseRejectedResult).reason;
  }
  const connection = connecting.value;
  const resources = preparing.value;
  const worker = await createWorker({
    config,
    connection,
    activityDeps: resources.activityDeps,
    identity: inProcessWorkerIdentity(),
  }).catch(async (error: unknown) => {
    await close();
    throw error;
  });
  const running = worker.run();
  return async () => {
    worker.shutdown();
    await running.catch(() => undefined);
    await close();
  };
}
