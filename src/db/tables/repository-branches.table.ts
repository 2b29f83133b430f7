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
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** A row of `repository_branches`. */
export type RepositoryBranchRow = Selectable<RepositoryBranchesTable>;
/** A new `repository_branches` row. */
export type NewRepositoryBranchRow = Insertable<RepositoryBranchesTable>;
