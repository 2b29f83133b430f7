/**
 * Input, output and ids of RepoIndexingWorkflow. Keys are snake_case because they are the original service's
 * wire contract (parity §1.2, §1.5): a client written against it starts this workflow unchanged.
 * Workflow-safe: no Node builtins, no I/O.
 */

/** The repository to index (parity §1.2 `repository`), plus `source` for local paths and plain git URLs. */
export interface RepositoryRef {
  /** `owner/repo` for GitHub repositories; a readable name otherwise. */
  github_repo_name: string;
  /** GitHub's numeric repository id; null for repositories that are not on GitHub. */
  github_repo_id: number | null;
  /** Internal repository id (`repositories.id`, a UUID string); the `repo_id` of every graph node. */
  repo_id: string;
  /** Clone URL; empty means `https://github.com/<github_repo_name>.git` (GitHub App source). */
  repo_url: string;
  /** Exact commit to index; null means the head of `default_branch`. */
  commit_sha: string | null;
  default_branch: string;
}

/** RepoIndexingWorkflow's single argument (parity §1.2, with optional extensions). */
export interface RepoIndexingInput {
  /** GitHub App installation id; null for public URLs and local paths. */
  installation_id: number | null;
  user_id: string | null;
  repository: RepositoryRef;
  /** Index even when the branch head equals the latest snapshot's SHA. */
  force?: boolean;
  /** Set by `startRepoIndexing`: the id of the trigger that started this run, so its own signal is not a new request. */
  trigger_id?: string;
}

/** Per-step counts and timings the workflow reports (parity §5.6 names where they exist). */
export interface IndexingStats {
  total_files: number;
  indexed_files: number;
  skipped_files: number;
  failed_files: number;
  total_directories: number;
  total_symbols: number;
  total_text_chunks: number;
  large_files_chunked: number;
  imports_edges: number;
  calls_edges: number;
  nodes: number;
  relationships: number;
  errors: string[];
  /** Wall milliseconds per step name (`clone`, `parse`, `persist_kg`, …). */
  step_millis: Record<string, number>;
}

/** Result when the precheck found nothing new (parity §1.5). */
export interface RepoIndexingSkipped {
  status: 'skipped';
  repo: string;
  reason: string;
  current_sha: string | null;
  latest_snapshot_sha: string | null;
}

/** Result of a completed run (parity §1.5). */
export interface RepoIndexingSuccess {
  status: 'success';
  repo: string;
  commit_sha: string | null;
  stats: IndexingStats;
  /** Always 0: repograph never deletes before writing; kept for parity. Nodes the sweep removed are in `nodes_swept`. */
  nodes_deleted_before_write: number;
  nodes_swept: number;
  stale_nodes_deleted: number;
}

export type RepoIndexingResult = RepoIndexingSkipped | RepoIndexingSuccess;

/** Name of the signal that asks a running RepoIndexingWorkflow to index a newer commit when it is done. */
export const REINDEX_SIGNAL = 'reindexRequested';

/** Payload of {@link REINDEX_SIGNAL}. */
export interface ReindexRequest {
  commit_sha: string | null;
  /** Id of the trigger (see {@link RepoIndexingInput.trigger_id}); optional for callers that signal directly. */
  trigger_id?: string;
  /** Index the requested commit even when it is already indexed. */
  force?: boolean;
}

/** Name of the query that returns {@link IndexingProgress}. */
export const INDEXING_PROGRESS_QUERY = 'indexingProgress';

/** What a running RepoIndexingWorkflow reports to the progress query. */
export interface IndexingProgress {
  /** The step running now, or `done`. */
  step: string;
  /** Wall milliseconds of the steps finished so far. */
  step_millis: Record<string, number>;
  /** What finished steps produced, for people: `parse` → `324 files, 1223 symbols`. */
  step_counts?: Record<string, string>;
  /** The commit being indexed once known. */
  commit_sha: string | null;
  /** A newer commit requested while running, indexed next (continue-as-new). */
  pending_commit_sha: string | null | undefined;
}

/** Task queue of the indexing workflows and their shared activities (parity §1.1). */
export const REPO_INDEXING_TASK_QUEUE = 'repo-indexing-queue';

/**
 * The workflow id: `repo-index-{github_repo_id}-{branch}` for GitHub repositories (parity §1.1); for other
 * sources `repo-index-{repo_id}-{branch}`, where repo_id is itself derived from the source.
 */
export function repoIndexingWorkflowId(
  repository: Pick<RepositoryRef, 'github_repo_id' | 'repo_id' | 'default_branch'>,
): string {
  const key = repository.github_repo_id ?? repository.repo_id;
  return `repo-index-${key}-${repository.default_branch}`;
}
