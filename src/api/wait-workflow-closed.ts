import type { Client } from '@temporalio/client';

const POLL_MS = 100;

/**
 * Waits until Temporal no longer reports the run `runId` of `workflowId` as running, for at most `timeoutMs`; gives
 * up quietly on any error or when time is out. The run records its last event just before its workflow returns,
 * so a client told "completed" by the event stream would otherwise sometimes still read RUNNING from the status
 * endpoint.
 */
export async function waitWorkflowClosed(
  client: Client,
  workflowId: string,
  runId: string,
  timeoutMs: number,
): Promise<void> {
  const handle = client.workflow.getHandle(workflowId, runId);
  const deadline = Date.now() + timeoutMs;
  try {
    while ((await handle.describe()).status.name === 'RUNNING' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } catch {
    // The stream still ends: a status the server cannot read now is the status endpoint's concern.
  }
}
