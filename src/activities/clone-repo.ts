import { rm } from 'node:fs/promises';
import path from 'node:path';
import { cancellationSignal } from '@temporalio/activity';
import { classifyGitError } from '../git/classify-git-error.js';
import { checkoutCommit } from '../git/git-client.js';
import type { CloneInput, CloneResult } from '../shared/indexing-steps.js';
import type { ActivityDeps } from './activity-deps.js';
import { runStep } from './run-step.js';

/** The run's own work dir: `<workDir>/<repo_id>-<sha12>-<run_key>`, never shared between runs. */
export function workDirFor(root: string, repoId: string, sha: string, runKey: string): string {
  const safe = `${repoId}-${sha.slice(0, 12)}-${runKey}`.replace(/[^A-Za-z0-9._-]/g, '_');
  return path.join(root, safe);
}

/** The checkout inside a run's work dir. */
export function checkoutDirOf(workDir: string): string {
  return path.join(workDir, 'checkout');
}

/**
 * Clone step: fetches exactly the commit the precheck resolved, depth 1, no tags, no submodules, hooks off, LFS
 * smudge off, into the run's own work dir (the original reused any directory of the same name, stale or not).
 * A retry starts from an empty dir. Runs on the worker-specific queue: the checkout it leaves is read by the
 * following steps.
 */
export function createCloneRepo(deps: ActivityDeps) {
  return async function cloneRepo(input: CloneInput): Promise<CloneResult> {
    const { repository } = input;
    return runStep(
      deps.db,
      input.event_context,
      {
        name: 'cloneRepo',
        startedMessage: `cloning ${repository.github_repo_name}`,
        completed: (r) => ({ commit_sha: r.commit_sha, work_dir: r.work_dir, mirror: r.mirror }),
        classify: classifyGitError,
      },
      async () => {
        const workDir = workDirFor(deps.config.work.workDir, repository.repo_id, input.commit_sha, input.run_key);
        await rm(workDir, { recursive: true, force: true });
        try {
          const source = await deps.repoSource(repository, input.installation_id);
          await checkoutCommit(source, input.commit_sha, checkoutDirOf(workDir), cancellationSignal());
        } catch (error) {
          // The workflow cleans up only after a successful clone; a failed one removes its own leftovers.
          await rm(workDir, { recursive: true, force: true });
          throw error;
        }
        return {
          work_dir: workDir,
          commit_sha: input.commit_sha,
          mirror: 'cloned',
          files: 0,
          bytes: 0,
          files_to_parse: 0,
          bytes_to_parse: 0,
        };
      },
    );
  };
}
