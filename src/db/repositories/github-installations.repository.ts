import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.js';
import { withGitHubTables } from '../tables/github-installations.table.js';
import type { InstallationAccount } from '../../github/indexing-triggers.js';

/** Upserts the `github_installations` row of an installation (keyed by `installation_id`; `user_id` untouched). */
export async function recordGitHubInstallation(db: Kysely<Database>, account: InstallationAccount): Promise<void> {
  await withGitHubTables(db)
    .insertInto('github_installations')
    .values({
      installation_id: account.installation_id,
      github_account_id: account.account_id,
      github_account_username: account.account_login,
      github_account_type: account.account_type,
    })
    .onConflict((oc) =>
      oc.column('installation_id').doUpdateSet((eb) => ({
        github_account_id: eb.ref('excluded.github_account_id'),
        github_account_username: eb.ref('excluded.github_account_username'),
        github_account_type: eb.ref('excluded.github_account_type'),
        updated_at: sql<Date>`now()`,
      })),
    )
    .execute();
}
