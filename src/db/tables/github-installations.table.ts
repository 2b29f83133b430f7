import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Database } from '../database.js';

/** `github_installations` (parity §7.1); created by the indexing-tables migration, written only by src/github. */
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

/** The database as the GitHub integration sees it: the shared tables plus `github_installations`. */
export type GitHubDatabase = Database & { github_installations: GitHubInstallationsTable };

/** Widens the shared Kysely handle with the GitHub tables (no new connection). */
export function withGitHubTables(db: Kysely<Database>): Kysely<GitHubDatabase> {
  return db.withTables<{ github_installations: GitHubInstallationsTable }>();
}
