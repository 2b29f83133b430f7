import { rm } from 'node:fs/promises';
import path from 'node:path';
import { cancellationSignal } from '@temporalio/activity';
import type { CloneInput, CloneResult } from '../shared/indexing-steps.js';
import type { ActivityDeps } from './activity-deps.js';
import { classifyGitError } from '../git/classify-git-error.js';
import { checkoutCommit } from '../git/git-client.js';
import { runStep } from './run-step.js';

/** The run's own work dir: `<workDir>/<repo_id>-<sha12>-<run_key>`, never shared between runs (C42). */
export function workDirFor(root: string, repoId: string, sha: string, runKey: string): string {
  const safe = `${repoId}-${sha.slice(0, 12)}-${runKey}`.replace(/[^A-Za-z0-9._-]/g, '_');
  return path.join(root, safe);
}

/**
 * Clone step (parity §2.2/§3.3, fixed): fetches exactly the commit the precheck resolved, depth 1, no tags,
 * no submodules, hooks off, LFS smudge off, into the run's own work dir. A retry starts from an empty dir.
 * Runs on the worker-specific queue: the checkout it leaves is read by the following steps.
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
        completed: (r) => ({ commit_sha: r.commit_sha, local_path: r.local_path }),
        classify: classifyGitError,
      },
      async () => {
        if (input.commit_sha == null) throw new Error('cloneRepo needs the commit SHA resolved by the precheck');
        const workDir = workDirFor(deps.config.work.workDir, repository.repo_id, input.commit_sha, input.run_key);
        const localPath = path.join(workDir, 'checkout');
        await rm(workDir, { recursive: true, force: true });
        try {
          const source = await deps.repoSource(repository, input.installation_id);
          await checkoutCommit(source, input.commit_sha, localPath, cancellationSignal());
        } catch (error) {
          // The workflow cleans up only after a successful clone; a failed one removes its own leftovers.
          await rm(workDir, { recursive: true, force: true });
          throw error;
        }
        return { work_dir: workDir, local_path: localPath, commit_sha: input.commit_sha };
      },
    );
  };
}
