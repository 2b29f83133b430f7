import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { RepositoryRow } from '../tables/repositories.table.js';

/** What the pipeline knows about a repository when it makes sure its row exists. */
export interface RepositoryUpsert {
  id: string;
  installation_id: number | null;
  github_repo_id: number | null;
  github_repo_name: string;
  default_branch: string;
  source_url: string | null;
}

/**
 * Inserts the `repositories` row when missing (C35: local paths and plain URLs work without the API) and
 * otherwise refreshes its name, branch and source. An installation id is stored only when that installation is
 * known, so the foreign key never fails the run.
 */
export async function upsertRepository(db: Kysely<Database>, repo: RepositoryUpsert): Promise<void> {
  const installation =
    repo.installation_id == null
      ? null
      : sql<
          number | null
        >`(SELECT installation_id FROM github_installations WHERE installation_id = ${repo.installation_id})`;
  await db
    .insertInto('repositories')
    .values({
      id: repo.id,
      installation_id: installation,
      github_repo_id: repo.github_repo_id,
      github_repo_name: repo.github_repo_name,
      full_name: repo.github_repo_name,
      default_branch: repo.default_branch,
      source_url: repo.source_url,
    })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        github_repo_name: eb.ref('excluded.github_repo_name'),
        default_branch: eb.ref('excluded.default_branch'),
        source_url: eb.fn.coalesce('excluded.source_url', 'repositories.source_url'),
        github_repo_id: eb.fn.coalesce('repositories.github_repo_id', 'excluded.github_repo_id'),
        updated_at: sql<Date>`now()`,
      })),
    )
    .execute();
}

/** Sets `last_indexed_at` to now (parity §7.2 step 2, matched on the id alone). */
export async function markRepositoryIndexed(db: Kysely<Database>, repoId: string): Promise<void> {
  await db
    .updateTable('repositories')
    .set({ last_indexed_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
    .where('id', '=', repoId)
    .execute();
}

/** Finds repositories by id, GitHub name or source URL; all of them when `key` is null. */
export async function findRepositories(db: Kysely<Database>, key: string | null): Promise<RepositoryRow[]> {
  let query = db.selectFrom('repositories').selectAll().orderBy('updated_at', 'desc');
  if (key != null) {
    const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(key);
    query = query.where((eb) =>
      eb.or([...(isUuid ? [eb('id', '=', key)] : []), eb('github_repo_name', '=', key), eb('source_url', '=', key)]),
    );
  }
  return query.limit(50).execute();
}
