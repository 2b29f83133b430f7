import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.js';
import { withGitHubTables } from '../tables/github-installations.table.js';

/** A repository row whose graph is to be removed. */
export interface RemovedRepositoryRow {
  repo_id: string;
  github_repo_id: number;
  default_branch: string;
}

/** Which repositories were removed: by GitHub id, and/or every repository of an installation. */
export interface RemovalScope {
  githubRepoIds: number[];
  /** Also every repository recorded under this installation (installation.deleted). */
  wholeInstallationId?: number;
}

/**
 * Marks repositories as removed from GitHub: detaches them from their installation, clears `last_indexed_at` and
 * deletes their snapshots (and, by cascade, their `indexed_files`), so the precheck never skips a later
 * re-installation whose graph is gone. The rows themselves stay (their ids keep event history valid).
 * Returns the rows it marked; idempotent.
 */
export async function markRepositoriesRemoved(
  db: Kysely<Database>,
  scope: RemovalScope,
): Promise<RemovedRepositoryRow[]> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('repositories')
      .select(['id', 'github_repo_id', 'default_branch'])
      .where((eb) =>
        eb.or([
          ...(scope.githubRepoIds.length > 0 ? [eb('github_repo_id', 'in', scope.githubRepoIds)] : []),
          ...(scope.wholeInstallationId != null ? [eb('installation_id', '=', scope.wholeInstallationId)] : []),
          eb.val(false),
        ]),
      )
      .execute();
    const ids = rows.map((r) => r.id);
    if (ids.length > 0) {
      await trx.deleteFrom('repo_snapshots').where('repository_id', 'in', ids).execute();
      await trx
        .updateTable('repositories')
        .set({ installation_id: null, last_indexed_at: null, updated_at: sql<Date>`now()` })
        .where('id', 'in', ids)
        .execute();
    }
    if (scope.wholeInstallationId != null) {
      await withGitHubTables(trx)
        .updateTable('github_installations')
        .set({ updated_at: sql<Date>`now()` })
        .where('installation_id', '=', scope.wholeInstallationId)
        .execute();
    }
    return rows.map((r) => ({
      repo_id: r.id,
      github_repo_id: r.github_repo_id ?? 0,
      default_branch: r.default_branch,
    }));
  });
}
