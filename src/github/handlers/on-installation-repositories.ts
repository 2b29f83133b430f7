import type { EmitterWebhookEvent } from '@octokit/webhooks';
import type { WebhookAction } from '../indexing-triggers.js';

/**
 * `installation_repositories`: `added` indexes the added repositories (their default branches are read from the
 * REST API by the installation workflow, C29); `removed` removes their graphs.
 */
export function onInstallationRepositories(
  payload: EmitterWebhookEvent<'installation_repositories'>['payload'],
  deliveryId: string,
): WebhookAction | null {
  const installationId = payload.installation.id;
  if (payload.action === 'added') {
    const ids = payload.repositories_added.map((r) => r.id).sort((a, b) => a - b);
    if (ids.length === 0) return null;
    return {
      key: `installation:${installationId}:added:${deliveryId}`,
      summary: `index ${ids.length} repositories added to installation ${installationId}`,
      run: (triggers) =>
        triggers.indexInstallation({ installation_id: installationId, repository_ids: ids, delivery_id: deliveryId }),
    };
  }
  const removed = payload.repositories_removed.map((r) => ({ github_repo_id: r.id, full_name: r.full_name }));
  if (removed.length === 0) return null;
  return {
    key: `installation:${installationId}:removed:${deliveryId}`,
    summary: `remove ${removed.length} repositories from installation ${installationId}`,
    run: (triggers) => triggers.removeRepositories(installationId, removed),
  };
}
