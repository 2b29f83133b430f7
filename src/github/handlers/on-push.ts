import type { EmitterWebhookEvent } from '@octokit/webhooks';
import type { WebhookAction } from '../indexing-triggers.js';

const ZERO_SHA = /^0+$/;

/**
 * `push`: a push to the repository's default branch (or to one of `extraBranches`) reindexes it at the pushed
 * SHA; branch deletions, tags and other branches are ignored. Duplicates share the key `push:<repo>:<branch>:<sha>`.
 */
export function onPush(
  payload: EmitterWebhookEvent<'push'>['payload'],
  extraBranches: readonly string[],
): WebhookAction | null {
  if (typeof payload.ref !== 'string' || typeof payload.repository?.id !== 'number') {
    throw new TypeError('push payload without ref or repository');
  }
  const installationId = payload.installation?.id;
  const match = /^refs\/heads\/(.+)$/.exec(payload.ref);
  if (installationId == null || match?.[1] == null || payload.deleted || ZERO_SHA.test(payload.after)) return null;
  const branch = match[1];
  const repo = payload.repository;
  const defaultBranch = repo.default_branch ?? repo.master_branch;
  if (branch !== defaultBranch && !extraBranches.includes(branch)) return null;
  const commitSha = payload.after;
  return {
    key: `push:${repo.id}:${branch}:${commitSha}`,
    summary: `index ${repo.full_name}@${branch} at ${commitSha.slice(0, 8)}`,
    run: (triggers) =>
      triggers.indexPush({
        installation_id: installationId,
        branch,
        commit_sha: commitSha,
        repository: {
          github_repo_id: repo.id,
          full_name: repo.full_name,
          default_branch: defaultBranch ?? branch,
          private: repo.private,
          clone_url: repo.clone_url,
        },
      }),
  };
}
