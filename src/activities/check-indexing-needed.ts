import { mkdir } from 'node:fs/promises';
import { cancellationSignal } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { classifyPostgresError } from '../db/classify-postgres-error.js';
import { latestSnapshotSha } from '../db/repositories/repo-snapshots.repository.js';
import { upsertRepository } from '../db/repositories/repositories.repository.js';
import { ErrorType } from '../shared/errors.js';
import type { PrecheckInput, PrecheckResult } from '../shared/indexing-steps.js';
import type { ActivityDeps } from './activity-deps.js';
import { classifyGitError } from '../git/classify-git-error.js';
import { resolveBranchHead } from '../git/git-client.js';
import { runStep } from './run-step.js';

async function resolveTargetSha(deps: ActivityDeps, input: PrecheckInput): Promise<string> {
  const { repository } = input;
  // An explicit commit is what gets indexed, so it is what the snapshot is compared with (the original compared
  // the branch head and could skip a requested commit).
  if (repository.commit_sha != null && repository.commit_sha !== '') {
    // git fetches a commit only by its full object name.
    if (!/^([0-9a-f]{40}|[0-9a-f]{64})$/.test(repository.commit_sha)) {
      throw ApplicationFailure.create({
        type: ErrorType.InvalidInput,
        nonRetryable: true,
        message: `commit_sha "${repository.commit_sha}" is not a full lower-case SHA. To fix this problem, pass all 40 hex digits`,
      });
    }
    return repository.commit_sha;
  }
  try {
    const source = await deps.repoSource(repository, input.installation_id);
    await mkdir(deps.config.work.workDir, { recursive: true });
    return await resolveBranchHead(source, repository.default_branch, deps.config.work.workDir, cancellationSignal());
  } catch (error) {
    throw classifyGitError(error);
  }
}

/**
 * Precheck (the original's step, fixed): makes sure the `repositories` row exists, so metadata can never fail on
 * a missing row after the graph was written; resolves the commit to index (the explicit `commit_sha`, or the
 * branch head); and compares it with the newest snapshot of the branch that has a SHA. A repository or branch
 * that does not exist fails here, permanently, before anything is cloned.
 */
export function createCheckIndexingNeeded(deps: ActivityDeps) {
  return async function checkIndexingNeeded(input: PrecheckInput): Promise<PrecheckResult> {
    const { repository } = input;
    try {
      await upsertRepository(deps.db, {
        id: repository.repo_id,
        installation_id: input.installation_id,
        github_repo_id: repository.github_repo_id,
        github_repo_name: repository.github_repo_name,
        default_branch: repository.repository_default_branch ?? null,
        fallback_branch: repository.default_branch,
        source_url: repository.repo_url || null,
      });
    } catch (error) {
      throw classifyPostgresError(error);
    }
    return runStep(
      deps.db,
      input.event_context,
      {
        name: 'checkIndexingNeeded',
        startedMessage: `checking ${repository.github_repo_name}`,
        completed: (r) => ({ reason: r.reason, current_sha: r.current_sha, previous_sha: r.latest_snapshot_sha }),
        classify: (error) => classifyPostgresError(error),
      },
      async () => {
        const current = await resolveTargetSha(deps, input);
        const latest = await latestSnapshotSha(deps.db, repository.repo_id, repository.default_branch);
        if (input.force === true) return decision(true, current, latest, 'forced');
        if (latest == null) return decision(true, current, null, 'no_previous_snapshot');
        return current === latest
          ? decision(false, current, latest, 'sha_unchanged')
          : decision(true, current, latest, 'sha_changed');
      },
    );
  };
}

function decision(
  needed: boolean,
  current: string,
  latest: string | null,
  reason: PrecheckResult['reason'],
): PrecheckResult {
  return { indexing_needed: needed, current_sha: current, latest_snapshot_sha: latest, reason };
}
