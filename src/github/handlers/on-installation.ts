import type { EmitterWebhookEvent } from '@octokit/webhooks';
import type { InstallationAccount } from '../../shared/installation-indexing.js';
import type { RoutedWebhook } from '../webhook-trigger.js';

type InstallationPayload = EmitterWebhookEvent<'installation'>['payload'];

/**
 * `installation`: `created` records the installation and indexes every repository it grants; `deleted` removes
 * every repository's graph. Other actions (suspend, new_permissions_accepted, …) do nothing.
 */
export function onInstallation(payload: InstallationPayload): RoutedWebhook | null {
  const installationId = payload.installation.id;
  if (payload.action === 'created') {
    const account = accountOf(payload);
    return {
      summary: `index installation ${installationId} (${account.account_login})`,
      trigger: { kind: 'index-installation', installation_id: installationId, repository_ids: null, account },
    };
  }
  if (payload.action === 'deleted') {
    return {
      summary: `remove the graphs of installation ${installationId}`,
      trigger: {
        kind: 'remove',
        removal: {
          github_repo_ids: (payload.repositories ?? []).map((r) => r.id),
          installation_id: installationId,
        },
      },
    };
  }
  return null;
}

function accountOf(payload: InstallationPayload): InstallationAccount {
  const account = (payload.installation.account ?? {}) as { id?: number; login?: string; slug?: string; type?: string };
  return {
    installation_id: payload.installation.id,
    account_id: account.id ?? 0,
    account_login: account.login ?? account.slug ?? 'unknown',
    account_type: account.type ?? (account.slug != null ? 'Enterprise' : 'unknown'),
  };
}
