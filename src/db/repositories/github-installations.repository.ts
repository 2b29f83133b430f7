import { sql, type Kysely } from 'kysely';
import type { InstallationAccount } from '../../shared/installation-indexing.js';
import type { Database } from '../database.js';

/** Upserts the `github_installations` row of an installation (keyed by `installation_id`; `user_id` untouched). */
export async function recordGitHubInstallation(db: Kysely<Database>, account: InstallationAccount): Promise<void> {
  await db
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

/** Bumps an installation's `updated_at` when it was deleted on GitHub (the row stays for its history). */
export async function touchGitHubInstallation(db: Kysely<Database>, installationId: number): Promise<void> {
  await db
    .updateTable('github_installations')
    .set({ updated_at: sql<Date>`now()` })
    .where('installation_id', '=', installationId)
    .execute();
}
