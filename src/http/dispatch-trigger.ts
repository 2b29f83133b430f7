import type { Client } from '@temporalio/client';
import { repositoryRefOf } from '../github/github-repository.js';
import type { WebhookTrigger } from '../github/webhook-trigger.js';
import { startInstallationIndexing } from '../temporal/start-installation-indexing.js';
import { startRepoIndexing } from '../temporal/start-repo-indexing.js';
import { startRepositoryRemoval } from '../temporal/start-repository-removal.js';

/**
 * Turns a recorded trigger into its workflow start (or signal) and returns the workflow id. `key` identifies the
 * trigger (its delivery id): dispatching the same trigger again joins the run it started, never a second one.
 */
export async function dispatchTrigger(
  client: Client,
  trigger: WebhookTrigger,
  options: { key: string; taskQueue: string },
): Promise<string> {
  switch (trigger.kind) {
    case 'index-push': {
      const repository = repositoryRefOf(trigger.repository, { branch: trigger.branch, commitSha: trigger.commit_sha });
      const started = await startRepoIndexing(
        client,
        { installation_id: trigger.installation_id, user_id: null, repository },
        { taskQueue: options.taskQueue, triggerId: `delivery:${options.key}` },
      );
      return started.workflowId;
    }
    case 'index-installation': {
      const started = await startInstallationIndexing(
        client,
        { installation_id: trigger.installation_id, repository_ids: trigger.repository_ids, account: trigger.account },
        { taskQueue: options.taskQueue, key: trigger.repository_ids == null ? undefined : options.key },
      );
      return started.workflowId;
    }
    case 'remove':
      return startRepositoryRemoval(client, trigger.removal, { key: options.key, taskQueue: options.taskQueue });
  }
}
