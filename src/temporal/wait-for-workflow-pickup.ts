import type { WorkflowHandle } from '@temporalio/client';
import proto from '@temporalio/proto';

const { PendingWorkflowTaskState } = proto.temporal.api.enums.v1;

/**
 * Whether some worker takes the workflow's first task within `timeoutMs`: false when its workflow task is still
 * only scheduled by then. DescribeTaskQueue keeps listing a worker for a while after it stopped, so this is how a
 * caller finds out that the pollers it saw are gone.
 */
export async function waitForWorkflowPickup(handle: WorkflowHandle, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { raw } = await handle.describe();
    const task = raw.pendingWorkflowTask;
    if (task == null || task.state !== PendingWorkflowTaskState.PENDING_WORKFLOW_TASK_STATE_SCHEDULED) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
