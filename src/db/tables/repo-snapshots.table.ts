import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * `repo_snapshots` (the original's table): one row per indexing run of a branch, newest by `created_at`. The
 * branch and run columns are additions: `workflow_run_id` is the idempotency key of the metadata step, the counts
 * serve `repograph status`.
 */
export interface RepoSnapshotsTable {
  id: Generated<string>;
  repository_id: string | null;
  branch: string;
  commit_sha: string | null;
  workflow_id: string | null;
  workflow_run_id: string | null;
  file_count: number | null;
  symbol_count: number | null;
  node_count: number | null;
  relationship_count: number | null;
  created_at: Generated<Date>;
}

/** A row of `repo_snapshots`. */
export type RepoSnapshotRow = Selectable<RepoSnapshotsTable>;
/** A new `repo_snapshots` row. */
export type NewRepoSnapshotRow = Insertable<RepoSnapshotsTable>;
