/**
 * Input and result of RepositoryRemovalWorkflow, which stops indexing and removes graphs and metadata when a
 * repository, a branch or a whole installation goes away. Workflow-safe: types only.
 */

/** What to remove. */
export interface RepositoryRemovalInput {
  /** The repositories, by GitHub id (payloads of removal webhooks carry only ids and names). */
  github_repo_ids: number[];
  /** Also every repository recorded under this installation (the installation was deleted). */
  installation_id?: number | null;
  /** Only this branch (a deleted branch); absent or null removes every branch of the repositories. */
  branch?: string | null;
}

/** One repository and branch whose indexing was stopped and whose graph and rows were removed. */
export interface RemovedBranch {
  repo_id: string;
  github_repo_id: number | null;
  branch: string;
  /** Indexing runs of the branch that were cancelled before the removal. */
  runs_cancelled: number;
  nodes_deleted: number;
}

/** RepositoryRemovalWorkflow's result. */
export interface RepositoryRemovalResult {
  removed: RemovedBranch[];
}

/** Input of the activity that finds the repositories and branches a removal covers. */
export type ListRemovalTargetsInput = RepositoryRemovalInput;

/** A repository and the branches of it that repograph has indexed (from PostgreSQL). */
export interface RemovalTarget {
  repo_id: string;
  github_repo_id: number | null;
  branches: string[];
}

/** Result of the listing activity. */
export interface ListRemovalTargetsResult {
  targets: RemovalTarget[];
}
