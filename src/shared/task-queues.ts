/** Task queue of the indexing workflows and the activities any worker may run (the original's queue name). */
export const REPO_INDEXING_TASK_QUEUE = 'repo-indexing-queue';

/**
 * The task queue only one worker host polls: `<shared queue>@<worker id>`. The steps that read a run's work dir
 * (mirror checkout, parse output, graph files) go there, so a run never splits its local files across hosts.
 */
export function workerTaskQueue(sharedQueue: string, workerId: string): string {
  return `${sharedQueue}@${workerId}`;
}
