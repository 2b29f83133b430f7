import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';

const { TaskQueueType } = proto.temporal.api.enums.v1;

/**
 * A live worker long-polls at least about once a minute; the server keeps listing a poller for minutes after its
 * worker stopped, so only recent pollers count.
 */
const LIVE_POLLER_WINDOW_MS = 75_000;

/** Whether a live worker polls `taskQueue` for workflow tasks (DescribeTaskQueue pollers seen recently). */
export async function hasTaskQueuePollers(client: Client, taskQueue: string, now = Date.now()): Promise<boolean> {
  const response = await client.workflowService.describeTaskQueue({
    namespace: client.options.namespace,
    taskQueue: { name: taskQueue },
    taskQueueType: TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
  });
  return (response.pollers ?? []).some((poller) => {
    const seconds = Number(poller.lastAccessTime?.seconds ?? 0);
    return now - seconds * 1000 < LIVE_POLLER_WINDOW_MS;
  });
}
