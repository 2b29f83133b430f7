import type { EmitterWebhookEvent } from '@octokit/webhooks';
import type { InstallationAccount, RemovedRepository, WebhookAction } from '../indexing-triggers.js';

type InstallationPayload = EmitterWebhookEvent<'installation'>['payload'];

/**
 * `installation`: `created` records the installation and indexes every repository it grants; `deleted` removes
 * every repository's graph. Other actions (suspend, new_permissions_accepted, …) do nothing.
 */
export function onInstallation(payload: InstallationPayload, deliveryId: string): WebhookAction | null {
  const installationId = payload.installation.id;
  if (payload.action === 'created') {
    const account = accountOf(payload);
    return {
      key: `installation:${installationId}:created:${deliveryId}`,
      summary: `index installation ${installationId} (${account.account_login})`,
      run: async (triggers) => {
        await triggers.recordInstallation(account);
        await triggers.indexInstallation({
          installation_id: installationId,
          repository_ids: null,
          delivery_id: deliveryId,
        });
      },
    };
  }
  if (payload.action === 'deleted') {
    const repositories: RemovedRepository[] = (payload.repositories ?? []).map((r) => ({
      github_repo_id: r.id,
      full_name: r.full_name,
    }));
    return {
      key: `installation:${installationId}:deleted:${deliveryId}`,
      summary: `remove the graphs of installation ${installationId}`,
      run: (triggers) => triggers.removeInstallation(installationId, repositories),
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
