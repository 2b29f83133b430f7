import type { GitHubRepository } from './github-repository.js';

/** A repository named in a removal event: payloads carry only its id and name. */
export interface RemovedRepository {
  github_repo_id: number;
  full_name: string;
}

/** A push to a branch repograph indexes. */
export interface PushTrigger {
  installation_id: number;
  repository: GitHubRepository;
  branch: string;
  commit_sha: string;
}

/** An installation event that asks for its repositories to be indexed (all of them, or `repository_ids`). */
export interface InstallationTrigger {
  installation_id: number;
  /** Only these repositories (installation_repositories.added); null means every repository. */
  repository_ids: number[] | null;
  /** The delivery that asked, so a redelivery maps to the same workflow id. */
  delivery_id: string;
}

/** The installation account a webhook names, for the `github_installations` row. */
export interface InstallationAccount {
  installation_id: number;
  account_id: number;
  account_login: string;
  account_type: string;
}

/**
 * What webhooks make happen; the server wires these to Temporal, Postgres and Neo4j, tests to fakes. Every
 * operation is idempotent, so the retry queue may run one again after a failure that happened half-way.
 */
export interface IndexingTriggers {
  /** Upserts the `github_installations` row. */
  recordInstallation(account: InstallationAccount): Promise<void>;
  /** Starts InstallationIndexingWorkflow (or finds it running). */
  indexInstallation(trigger: InstallationTrigger): Promise<void>;
  /** Upserts the repository row and signal-with-starts RepoIndexingWorkflow at the pushed SHA. */
  indexPush(trigger: PushTrigger): Promise<void>;
  /** Removes each repository's graph and marks its metadata as removed. */
  removeRepositories(installationId: number | null, repositories: RemovedRepository[]): Promise<void>;
  /** Removes every repository of the installation (those named and those recorded) and marks it deleted. */
  removeInstallation(installationId: number, repositories: RemovedRepository[]): Promise<void>;
}

/** What one webhook delivery asks for: `key` identifies duplicates, `run` does it (idempotently). */
export interface WebhookAction {
  key: string;
  summary: string;
  run(triggers: IndexingTriggers): Promise<void>;
}
