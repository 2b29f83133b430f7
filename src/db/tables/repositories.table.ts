import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** `repositories` (the original's table), with `installation_id` nullable and `source_url` added for non-GitHub sources. */
export interface RepositoriesTable {
  id: string;
  installation_id: number | null;
  github_repo_id: number | null;
  github_repo_name: string;
  full_name: string;
  default_branch: string;
  private: Generated<boolean>;
  source_url: string | null;
  last_synced_at: Generated<Date>;
  last_indexed_at: Date | null;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** A row of `repositories`. */
export type RepositoryRow = Selectable<RepositoriesTable>;
/** A new `repositories` row. */
export type NewRepositoryRow = Insertable<RepositoriesTable>;
