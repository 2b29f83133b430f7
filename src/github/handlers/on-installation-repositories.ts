import type { EmitterWebhookEvent } from '@octokit/webhooks';
import type { RoutedWebhook } from '../webhook-trigger.js';

/**
 * `installation_repositories`: `added` indexes the added repositories (their default branches are read from the
 * REST API by the installation workflow, since the payload lacks them); `removed` removes their graphs.
 */
export function onInstallationRepositories(
  payload: EmitterWebhookEvent<'installation_repositories'>['payload'],
): RoutedWebhook | null {
  const installationId = payload.installation.id;
  if (payload.action === 'added') {
    const ids = payload.repositories_added.map((r) => r.id).sort((a, b) => a - b);
    if (ids.length === 0) return null;
    return {
      summary: `index ${ids.length} repositories added to installation ${installationId}`,
      trigger: { kind: 'index-installation', installation_id: installationId, repository_ids: ids, account: null },
    };
  }
  const removed = payload.repositories_removed.map((r) => r.id);
  if (removed.length === 0) return null;
  return {
    summary: `remove ${removed.length} repositories from installation ${installationId}`,
    trigger: { kind: 'remove', removal: { github_repo_ids: removed, installation_id: null } },
  };
}
