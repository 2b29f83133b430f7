import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** `github_installations` (the original's table): one row per GitHub App installation. */
export interface GitHubInstallationsTable {
  id: Generated<string>;
  installation_id: number;
  github_account_id: number;
  github_account_username: string;
  github_account_type: string;
  user_id: string | null;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** A row of `github_installations`. */
export type GitHubInstallationRow = Selectable<GitHubInstallationsTable>;
/** A new `github_installations` row. */
export type NewGitHubInstallationRow = Insertable<GitHubInstallationsTable>;
