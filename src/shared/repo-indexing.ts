/**
 * Input, output, signals and queries of RepoIndexingWorkflow. Keys are snake_case because they are the original
 * service's wire contract: a client written against it starts this workflow unchanged. Workflow-safe: no Node
 * builtins, no I/O.
 */

/** The repository to index (the original's `repository` object), plus optional extensions. */
export interface RepositoryRef {
  /** `owner/repo` for GitHub repositories; a readable name otherwise. */
  github_repo_name: string;
  /** GitHub's numeric repository id; null for repositories that are not on GitHub. */
  github_repo_id: number | null;
  /** Internal repository id (`repositories.id`, a UUID string); the `repo_id` of every graph node. */
  repo_id: string;
  /** Clone URL; empty means the GitHub App's URL for `github_repo_name`. */
  repo_url: string;
  /** Exact commit to index; null means the head of the branch. */
  commit_sha: string | null;
  /** The branch this run indexes. The original named it `default_branch`; the name stays on the wire. */
  default_branch: string;
  /**
   * The repository's own default branch when the caller knows it (GitHub metadata, a local repository's HEAD).
   * Only this updates `repositories.default_branch`: indexing another branch never rewrites it.
   */
  repository_default_branch?: string | null;
}

/** RepoIndexingWorkflow's single argument (the original's keys, with optional extensions). */
export interface RepoIndexingInput {
  /** GitHub App installation id; null for public URLs and local paths. */
  installation_id: number | null;
  user_id: string | null;
  repository: RepositoryRef;
  /** Index even when the branch head equals the latest snapshot's SHA. */
  force?: boolean;
  /** Rebuild from scratch: parse every file again and recompute every reference, ignoring what is cached. */
  full?: boolean;
  /** Set by `startRepoIndexing`: the id of the trigger that started this run, so its own signal is not a new request. */
  trigger_id?: string;
}

/** Per-step counts and timings the workflow reports (the original's names where they exist, plus additions). */
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
  /** Nodes and relationships of the branch's graph after the run. */
  nodes: number;
  relationships: number;
  errors: string[];
  /** `incremental`: only what the commit changed was parsed, resolved and written; `full`: everything. */
  mode: IndexingMode;
  /** Files parsed by this run (their content was not in the parse cache, or `full`). */
  files_parsed: number;
  /** Files whose parse result came from the parse cache. */
  files_reused: number;
  /** Files of the previous snapshot that this commit no longer has. */
  files_removed: number;
  /** Files whose graph fragment was recomputed (changed files and the files whose references they affect). */
  files_resolved: number;
  /** Graph nodes and relationships created or changed, and deleted, by this run. */
  elements_written: number;
  elements_deleted: number;
  /** Wall milliseconds per step name (`clone`, `parse`, `persist_kg`, …). */
  step_millis: Record<string, number>;
}

/** How a run computed the graph. */
export type IndexingMode = 'full' | 'incremental';

/** Result when the precheck found nothing new (the original's keys). */
export interface RepoIndexingSkipped {
  status: 'skipped';
  repo: string;
  reason: string;
  current_sha: string | null;
  latest_snapshot_sha: string | null;
}

/** Result of a completed run (the original's keys, plus `branch`). */
export interface RepoIndexingSuccess {
  status: 'success';
  repo: string;
  branch: string;
  commit_sha: string | null;
  stats: IndexingStats;
  /** Always 0: repograph never deletes a graph before writing it; kept because readers of the original expect it. */
  nodes_deleted_before_write: number;
  stale_nodes_deleted: number;
}

/** What RepoIndexingWorkflow returns. */
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
  /** Rebuild from scratch (see {@link RepoIndexingInput.full}). */
  full?: boolean;
}

/** Name of the query that returns {@link IndexingProgress}. */
export const INDEXING_PROGRESS_QUERY = 'indexingProgress';

/** What a running RepoIndexingWorkflow reports to the progress query. */
export interface IndexingProgress {
  /** The step running now, or `done`. */
  step: string;
  /** Wall milliseconds of the steps finished so far. */
  step_millis: Record<string, number>;
  /** What finished steps produced, for people: `parse` → `324 files (12 parsed, 312 reused)`. */
  step_counts?: Record<string, string>;
  /** The commit being indexed once known. */
  commit_sha: string | null;
  /** A newer commit requested while running, indexed next (continue-as-new). */
  pending_commit_sha: string | null | undefined;
}
