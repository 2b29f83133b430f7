import { CancellationScope, log } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { IndexingProgress } from '../shared/repo-indexing.js';

/**
 * Deletes a run's work dir through `cleanup` (bound to the host that holds it), also when the run is being
 * cancelled; a failure is logged, never thrown, so it cannot hide the run's own outcome.
 */
export async function removeWorkDir(
  cleanup: Activities['cleanupWorkDir'],
  workDir: string,
  progress: IndexingProgress,
): Promise<void> {
  const started = Date.now();
  try {
    await CancellationScope.nonCancellable(() => cleanup({ work_dir: workDir }));
  } catch (error) {
    log.warn('Work dir cleanup failed', { work_dir: workDir, error: String(error) });
  } finally {
    progress.step_millis.cleanup = Date.now() - started;
  }
}
