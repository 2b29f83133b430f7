import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { ErrorType } from '../shared/errors.js';
import type { CleanupWorkDirInput, CleanupWorkDirResult } from '../shared/indexing-steps.js';
import type { ActivityDeps } from './activity-deps.js';

/**
 * Deletes a run's work dir (checkout and intermediate files). Refuses paths outside the configured
 * work root, so a bad input can never delete anything else. Idempotent: a missing dir is `absent`.
 */
export function createCleanupWorkDir(deps: ActivityDeps) {
  return async function cleanupWorkDir(input: CleanupWorkDirInput): Promise<CleanupWorkDirResult> {
    const root = path.resolve(deps.config.work.workDir);
    const target = path.resolve(input.work_dir);
    if (path.dirname(target) !== root) {
      throw ApplicationFailure.create({
        type: ErrorType.InvalidInput,
        nonRetryable: true,
        message: `Refusing to delete ${target}: not a run directory under ${root}`,
      });
    }
    const exists = await stat(target).then(
      () => true,
      () => false,
    );
    await rm(target, { recursive: true, force: true, maxRetries: 3 });
    return { status: exists ? 'cleaned' : 'absent' };
  };
}
