import type { InstallationAccount } from '../shared/installation-indexing.js';
import type { RepositoryRemovalInput } from '../shared/repository-removal.js';
import type { GitHubRepository } from './github-repository.js';

/**
 * What a webhook delivery asks for, as plain data: the server records it durably and a dispatcher turns it into
 * a workflow start. Nothing here runs anything.
 */
export type WebhookTrigger =
  | {
      kind: 'index-push';
      installation_id: number;
      repository: GitHubRepository;
      branch: string;
      commit_sha: string;
    }
  | {
      kind: 'index-installation';
      installation_id: number;
      /** Only these repositories (repositories added to an installation); null means every repository. */
      repository_ids: number[] | null;
      /** The installation's account when it was just created, so its row is recorded first. */
      account: InstallationAccount | null;
    }
  | { kind: 'remove'; removal: RepositoryRemovalInput };

/** A delivery routed to its trigger, with a one-line summary for logs and the outbox. */
export interface RoutedWebhook {
  trigger: WebhookTrigger;
  summary: string;
}
