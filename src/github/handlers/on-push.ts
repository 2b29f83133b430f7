import type { EmitterWebhookEvent } from '@octokit/webhooks';
import type { RoutedWebhook } from '../webhook-trigger.js';

const ZERO_SHA = /^0+$/;

/**
 * `push`: a push to the repository's default branch (or to one of `extraBranches`) indexes that branch at the
 * pushed SHA; deleting such a branch removes its graph. Tags and other branches are ignored.
 */
export function onPush(
  payload: EmitterWebhookEvent<'push'>['payload'],
  extraBranches: readonly string[],
): RoutedWebhook | null {
  if (typeof payload.ref !== 'string' || typeof payload.repository?.id !== 'number') {
    throw new TypeError('push payload without ref or repository');
  }
  const installationId = payload.installation?.id;
  const match = /^refs\/heads\/(.+)$/.exec(payload.ref);
  if (installationId == null || match?.[1] == null) return null;
  const branch = match[1];
  const repo = payload.repository;
  const defaultBranch = repo.default_branch ?? repo.master_branch;
  if (branch !== defaultBranch && !extraBranches.includes(branch)) return null;
  if (payload.deleted || ZERO_SHA.test(payload.after)) {
    return {
      summary: `remove the graph of ${repo.full_name}@${branch} (branch deleted)`,
      trigger: { kind: 'remove', removal: { github_repo_ids: [repo.id], installation_id: null, branch } },
    };
  }
  return {
    summary: `index ${repo.full_name}@${branch} at ${payload.after.slice(0, 8)}`,
    trigger: {
      kind: 'index-push',
      installation_id: installationId,
      branch,
      commit_sha: payload.after,
      repository: {
        github_repo_id: repo.id,
        full_name: repo.full_name,
        default_branch: defaultBranch ?? branch,
        private: repo.private,
        clone_url: repo.clone_url,
      },
    },
  };
}
