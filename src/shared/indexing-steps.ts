/**
 * Inputs and results of RepoIndexingWorkflow's activities. Only references (ids, SHAs, the work dir on the host
 * that holds it) and counts cross Temporal, never file contents or graphs, so no payload grows with the
 * repository. Workflow-safe: types only.
 */
import type { IndexingMode, IndexingStats, RepoIndexingInput, RepositoryRef } from './repo-indexing.js';

/** Who and what a progress event belongs to (the original's event context, plus the branch). */
export interface EventContext {
  workflow_id: string;
  workflow_run_id: string;
  workflow_type: 'repo_indexing';
  user_id: string | null;
  repo_id: string;
  branch: string;
  installation_id: number | null;
}

/** Input of the precheck: the workflow input plus its event context. */
export interface PrecheckInput extends RepoIndexingInput {
  event_context: EventContext;
}

/** Why the precheck decided as it did (the original's reasons, plus `forced`). */
export type PrecheckReason =
  | 'forced'
  | 'sha_resolution_failed'
  | 'snapshot_query_failed'
  | 'no_previous_snapshot'
  | 'sha_unchanged'
  | 'sha_changed';

/** Result of the precheck (the original's keys). */
export interface PrecheckResult {
  indexing_needed: boolean;
  current_sha: string | null;
  latest_snapshot_sha: string | null;
  reason: PrecheckReason;
}

/** The task queue only the worker that claimed it polls; every step that reads the work dir goes there. */
export interface ClaimWorkerQueueResult {
  task_queue: string;
}

/** Input of the clone step. `run_key` makes the work dir unique per run. */
export interface CloneInput {
  installation_id: number | null;
  repository: RepositoryRef;
  /** The commit the precheck resolved. */
  commit_sha: string;
  run_key: string;
  /** Check out every file, not only those whose parse result is not cached. */
  full: boolean;
  event_context: EventContext;
}

/** Where the clone landed and what the commit holds. */
export interface CloneResult {
  /** The run's own directory on this host: the checkout of the files to parse and every intermediate file. */
  work_dir: string;
  commit_sha: string;
  /** How the mirror got the commit: `fetched` (new objects only), `cloned` (first time), `up-to-date`. */
  mirror: 'fetched' | 'cloned' | 'up-to-date';
  /** Files the walk reports (code, text and skipped) and the bytes of those that would be parsed. */
  files: number;
  bytes: number;
  /** Files checked out because their parse result is not cached. */
  files_to_parse: number;
  bytes_to_parse: number;
}

/** Input of the parse step. */
export interface ParseInput {
  work_dir: string;
  repo_id: string;
  commit_sha: string;
  /** Bytes the step will parse, for its progress budget. */
  bytes_to_parse: number;
  event_context: EventContext;
}

/** The original's parse counts (a subset of IndexingStats), counted by one rule over every file of the commit. */
export type ParseStats = Pick<
  IndexingStats,
  | 'total_files'
  | 'indexed_files'
  | 'skipped_files'
  | 'failed_files'
  | 'total_directories'
  | 'total_symbols'
  | 'total_text_chunks'
  | 'large_files_chunked'
  | 'files_parsed'
  | 'files_reused'
>;

/** Result of the parse step: counts only; the records are in the work dir and the parse cache. */
export interface ParseResult {
  stats: ParseStats;
}

/** Input of the knowledge-graph step (compute the graph of what changed, diff it with Neo4j, write the difference). */
export interface PersistGraphInput {
  work_dir: string;
  repo_id: string;
  /** The repository's readable name; its last part names the root directory's node. */
  repo_name: string;
  github_repo_id: number | null;
  branch: string;
  commit_sha: string;
  /** Recompute every file's graph fragment and compare all of the branch's graph. */
  full: boolean;
  event_context: EventContext;
}

/** Result of the knowledge-graph step. */
export interface PersistGraphResult {
  mode: IndexingMode;
  /** Why a run that could have been incremental was full (`no_previous_graph`, `interrupted_write`, …). */
  full_reason: string | null;
  /** Totals of the branch's graph after the write. */
  nodes: number;
  relationships: number;
  imports_edges: number;
  calls_edges: number;
  files_resolved: number;
  files_removed: number;
  elements_written: number;
  elements_deleted: number;
}

/** Input of the metadata step. */
export interface PersistMetadataInput {
  work_dir: string;
  repo_id: string;
  github_repo_id: number | null;
  branch: string;
  commit_sha: string;
  stats: ParseStats & Pick<PersistGraphResult, 'nodes' | 'relationships' | 'mode'>;
  event_context: EventContext;
}

/** Result of the metadata step (the original's keys plus the file counts). */
export interface PersistMetadataResult {
  status: 'success';
  snapshot_id: string;
  /** Rows of `indexed_files` the branch has now, and how many this run inserted, changed or deleted. */
  indexed_files: number;
  files_written: number;
}

/** Input of the TTL cleanup of graph elements no run has confirmed for `ttl_days`. */
export interface CleanupStaleInput {
  repo_id: string;
  /** Null means the worker's `STALE_TTL_DAYS` (default 7, as in the original). */
  ttl_days: number | null;
  event_context: EventContext;
}

/** Result of the TTL cleanup (the original's key). */
export interface CleanupStaleResult {
  nodes_deleted: number;
  /** Parse-cache entries no run had used for `PARSE_CACHE_TTL_DAYS`, deleted. */
  parse_cache_pruned?: number;
}

/** Input of the work-dir cleanup that runs in the workflow's `finally`. */
export interface CleanupWorkDirInput {
  work_dir: string;
}

/** Result of the work-dir cleanup (the original's `cleaned`, or `absent` when there was nothing to delete). */
export interface CleanupWorkDirResult {
  status: 'cleaned' | 'absent';
}

/** Workflow-level event types (in the original's CHECK list; emitted here so readers know when a run ended). */
export type WorkflowEventType = 'workflow_started' | 'workflow_completed' | 'workflow_failed';

/** Input of the activity that records a workflow-level event. */
export interface RecordWorkflowEventInput {
  event_context: EventContext;
  event_type: WorkflowEventType;
  message: string;
  metadata: Record<string, unknown>;
}

/** Input of `describeSource`: a local path or git URL as a user typed it, and the branch if they named one. */
export interface DescribeSourceInput {
  source: string;
  branch: string | null;
}
