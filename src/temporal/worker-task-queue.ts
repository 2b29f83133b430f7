/**
 * The task queue only one worker host polls: `<shared queue>@<worker id>`. Steps that read a clone on local
 * disk run there (the samples' worker-specific task queues; C25).
 */
export function workerTaskQueue(sharedQueue: string, workerId: string): string {
  return `${sharedQueue}@${workerId}`;
}
