import os from 'node:os';
import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';

const { TaskQueueType } = proto.temporal.api.enums.v1;

/**
 * A live worker long-polls at least about once a minute; the server keeps listing a poller for minutes after its
 * worker stopped, so only recent pollers count.
 */
const LIVE_POLLER_WINDOW_MS = 75_000;

/** How the worker that `repograph index` runs inside its own process names itself to Temporal. */
const IN_PROCESS_IDENTITY = 'repograph-index';

/**
 * The Temporal identity of the worker `repograph index` runs in its own process. Such a worker stops when its
 * command ends, so {@link hasTaskQueuePollers} never counts it: the next `index` would otherwise wait for a worker
 * that is already gone.
 */
export function inProcessWorkerIdentity(pid: number = process.pid): string {
  return `${IN_PROCESS_IDENTITY}:${pid}@${os.hostname()}`;
}

/**
 * Whether a live worker polls `taskQueue` for workflow tasks: DescribeTaskQueue pollers seen recently, other than
 * the in-process workers of `repograph index` commands.
 */
export async function hasTaskQueuePollers(client: Client, taskQueue: string, now = Date.now()): Promise<boolean> {
  const response = await client.workflowService.describeTaskQueue({
    namespace: client.options.namespace,
    taskQueue: { name: taskQueue },
    taskQueueType: TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
  });
  return (response.pollers ?? []).some((poller) => {
    if (poller.identity?.startsWith(`${IN_PROCESS_IDENTITY}:`)) return false;
    const seconds = Number(poller.lastAccessTime?.seconds ?? 0);
    return now - seconds * 1000 < LIVE_POLLER_WINDOW_MS;
  });
}
