/**
 * Input and result of InstallationIndexingWorkflow and of the activity that lists an installation's
 * repositories. Workflow-safe: types only.
 */
import type { RepositoryRef } from './repo-indexing.js';

/** The account an installation belongs to, as the `installation.created` webhook names it. */
export interface InstallationAccount {
  installation_id: number;
  account_id: number;
  account_login: string;
  account_type: string;
}

/** InstallationIndexingWorkflow's single argument. */
export interface InstallationIndexingInput {
  installation_id: number;
  /** When known (a new installation), its `github_installations` row is recorded first. */
  account?: InstallationAccount | null;
  /** Only these GitHub repository ids (repositories added to the installation); null or absent for all of them. */
  repository_ids?: number[] | null;
  user_id?: string | null;
  /** Repository runs at once, 1–16, default 4. */
  max_concurrency?: number;
}

/** What became of one repository. `already_running`: a run with its workflow id was going; it was left alone. */
export interface InstallationRepositoryOutcome {
  repo: string;
  workflow_id: string;
  status: 'success' | 'skipped' | 'failed' | 'already_running';
  error?: string;
}

/** InstallationIndexingWorkflow's result. */
export interface InstallationIndexingResult {
  installation_id: number;
  repositories: InstallationRepositoryOutcome[];
  missing_repository_ids: number[];
}

/** Input of `listInstallationRepositories`. */
export interface ListInstallationRepositoriesInput {
  installation_id: number;
  /** Only these GitHub repository ids; null for every repository of the installation. */
  repository_ids: number[] | null;
}

/** Output of `listInstallationRepositories`: one ref per repository to index, its row already recorded. */
export interface ListInstallationRepositoriesResult {
  repositories: RepositoryRef[];
  /** Requested ids the installation does not grant (removed meanwhile). */
  missing_repository_ids: number[];
}
