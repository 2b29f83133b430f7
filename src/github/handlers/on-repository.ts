import type { EmitterWebhookEvent } from '@octokit/webhooks';
import type { WebhookAction } from '../indexing-triggers.js';

/** `repository`: `deleted` removes that repository's graph; every other action does nothing. */
export function onRepository(
  payload: EmitterWebhookEvent<'repository'>['payload'],
  deliveryId: string,
): WebhookAction | null {
  if (payload.action !== 'deleted') return null;
  const repo = { github_repo_id: payload.repository.id, full_name: payload.repository.full_name };
  return {
    key: `repository:${repo.github_repo_id}:deleted:${deliveryId}`,
    summary: `remove the graph of ${repo.full_name}`,
    run: (triggers) => triggers.removeRepositories(payload.installation?.id ?? null, [repo]),
  };
}
