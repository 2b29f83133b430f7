import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/**
 * `repository_branches`: one row per indexing unit (repository, branch): the commit its graph is at, when it was
 * last confirmed, and the totals of its graph.
 */
export interface RepositoryBranchesTable {
  repository_id: string;
  branch: string;
  indexed_commit_sha: string | null;
  last_indexed_at: Date | null;
  node_count: Generated<number>;
  relationship_count: Generated<number>;
  /** The graph code version the branch's graph was built with; another version means a full rebuild. */
  graph_version: string | null;
  /** Hash of the repository layout (manifests, source roots) resolution used. */
  layout_hash: string | null;
  /** `writing` from the start of a graph write until its metadata commits; a later run then rebuilds in full. */
  write_state: Generated<'clean' | 'writing'>;
  writing_commit_sha: string | null;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** A row of `repository_branches`. */
export type RepositoryBranchRow = Selectable<RepositoryBranchesTable>;
/** A new `repository_branches` row. */
export type NewRepositoryBranchRow = Insertable<RepositoryBranchesTable>;
