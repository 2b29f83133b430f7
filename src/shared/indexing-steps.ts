/**
 * Inputs and results of RepoIndexingWorkflow's activities. Only references (ids, SHAs, paths on the worker that
 * holds the clone) and counts cross Temporal, never file contents or graphs (C24). Workflow-safe: types only.
 */
import type { IndexingStats, RepoIndexingInput, RepositoryRef } from './repo-indexing.js';

/** Who and what a progress event belongs to (parity §1.3). */
export interface EventContext {
  workflow_id: string;
  workflow_run_id: string;
  workflow_type: 'repo_indexing';
  user_id: string | null;
  repo_id: string;
  installation_id: number | null;
}

/** Input of the precheck: the workflow input plus its event context. */
export interface PrecheckInput extends RepoIndexingInput {
  event_context: EventContext;
}

/** Why the precheck decided as it did (parity §2.1 reasons). */
export type PrecheckReason =
  | 'forced'
  | 'sha_resolution_failed'
  | 'snapshot_query_failed'
  | 'no_previous_snapshot'
  | 'sha_unchanged'
  | 'sha_changed';

/** Result of the precheck (parity §2.1 keys). */
export interface PrecheckResult {
  indexing_needed: boolean;
  current_sha: string | null;
  latest_snapshot_sha: string | null;
  reason: PrecheckReason;
}

/** The task queue only the worker that claimed it polls; every step that reads the clone goes there (C25). */
export interface ClaimWorkerQueueResult {
  task_queue: string;
}

/** Input of the clone step. `run_key` makes the work dir unique per run (C42). */
export interface CloneInput {
  installation_id: number | null;
  repository: RepositoryRef;
  /** The commit the precheck resolved; wins over the branch head when set. */
  commit_sha: string | null;
  run_key: string;
  event_context: EventContext;
}

/** Where the clone landed. `work_dir` holds the checkout (`local_path`) and every intermediate file of the run. */
export interface CloneResult {
  work_dir: string;
  local_path: string;
  commit_sha: string;
}

/** Input of the parse step. */
export interface ParseInput {
  work_dir: string;
  local_path: string;
  repo_id: string;
  github_repo_id: number | null;
  commit_sha: string;
  event_context: EventContext;
}

/** Counts the parse step reports; a subset of IndexingStats. */
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
>;

/** Result of the parse step: a reference to `parsed.ndjson` in the work dir, and counts. */
export interface ParseResult {
  parsed_path: string;
  stats: ParseStats;
}

/** Input of the knowledge-graph step (build graph files, write them, sweep what this run did not write). */
export interface PersistGraphInput {
  work_dir: string;
  local_path: string;
  parsed_path: string;
  repo_id: string;
  github_repo_id: number | null;
  commit_sha: string;
  event_context: EventContext;
}

/** Result of the knowledge-graph step. */
export interface PersistGraphResult {
  nodes: number;
  relationships: number;
  imports_edges: number;
  calls_edges: number;
  nodes_swept: number;
}

/** Input of the metadata step. */
export interface PersistMetadataInput {
  repo_id: string;
  github_repo_id: number | null;
  commit_sha: string;
  parsed_path: string;
  stats: ParseStats & { nodes: number; relationships: number };
  event_context: EventContext;
}

/** Result of the metadata step (parity §2.5 keys plus the file count). */
export interface PersistMetadataResult {
  status: 'success';
  snapshot_id: string;
  indexed_files: number;
}

/** Input of the TTL cleanup of nodes no run has touched for `ttl_days`. */
export interface CleanupStaleInput {
  repo_id: string;
  /** Null means the worker's `STALE_TTL_DAYS` (default 7, parity §1.4). */
  ttl_days: number | null;
  event_context: EventContext;
}

/** Result of the TTL cleanup (parity §2.6). */
export interface CleanupStaleResult {
  nodes_deleted: number;
}

/** Input of the work-dir cleanup that runs in the workflow's `finally`. */
export interface CleanupWorkDirInput {
  work_dir: string;
}

/** Result of the work-dir cleanup (parity §2.7). */
export interface CleanupWorkDirResult {
  status: 'cleaned' | 'absent';
}

/** Workflow-level event types (parity §8.4: in the CHECK list, emitted here so readers know when a run ended). */
export type WorkflowEventType = 'workflow_started' | 'workflow_completed' | 'workflow_failed';

/** Input of the activity that records a workflow-level event. */
export interface RecordWorkflowEventInput {
  event_context: EventContext;
  event_type: WorkflowEventType;
  message: string;
  metadata: Record<string, unknown>;
}
