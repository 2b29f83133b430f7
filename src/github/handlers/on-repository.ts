import type { EmitterWebhookEvent } from '@octokit/webhooks';
import type { RoutedWebhook } from '../webhook-trigger.js';

/** `repository`: `deleted` removes every branch's graph of that repository; every other action does nothing. */
export function onRepository(payload: EmitterWebhookEvent<'repository'>['payload']): RoutedWebhook | null {
  if (payload.action !== 'deleted') return null;
  return {
    summary: `remove the graphs of ${payload.repository.full_name}`,
    trigger: { kind: 'remove', removal: { github_repo_ids: [payload.repository.id], installation_id: null } },
  };
}
