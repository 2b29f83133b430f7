import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { RepositoryRow } from '../tables/repositories.table.js';

/** What the pipeline knows about a repository when it makes sure its row exists. */
export interface RepositoryUpsert {
  id: string;
  installation_id: number | null;
  github_repo_id: number | null;
  github_repo_name: string;
  /** The repository's own default branch; null keeps the stored one (a new row then takes `fallbackBranch`). */
  default_branch: string | null;
  /** The branch being indexed, stored as default branch only when the row is new and nothing better is known. */
  fallback_branch: string;
  source_url: string | null;
  private?: boolean;
}

/**
 * Inserts a `repositories` row or refreshes it, keyed by `id` (every writer derives the same id for the same
 * repository). Local paths and plain URLs get a row without the API. The installation id is stored only when
 * that installation has a row, so the foreign key never fails a run; the default branch changes only when the
 * caller knows the repository's real one, so indexing another branch never rewrites it.
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
      default_branch: repo.default_branch ?? repo.fallback_branch,
      source_url: repo.source_url,
      ...(repo.private == null ? {} : { private: repo.private }),
    })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        installation_id: eb.fn.coalesce('excluded.installation_id', 'repositories.installation_id'),
        github_repo_id: eb.fn.coalesce('repositories.github_repo_id', 'excluded.github_repo_id'),
        github_repo_name: eb.ref('excluded.github_repo_name'),
        full_name: eb.ref('excluded.full_name'),
        default_branch:
          repo.default_branch == null ? eb.ref('repositories.default_branch') : eb.ref('excluded.default_branch'),
        source_url: eb.fn.coalesce('excluded.source_url', 'repositories.source_url'),
        private: repo.private == null ? eb.ref('repositories.private') : eb.ref('excluded.private'),
        last_synced_at: sql<Date>`now()`,
        updated_at: sql<Date>`now()`,
      })),
    )
    .execute();
}

/** Sets `last_indexed_at` to now (the original's step, matched on the id alone). */
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

/** The rows of the repositories a removal names: by GitHub id, and every repository of an installation. */
export async function findRepositoriesToRemove(
  db: Kysely<Database>,
  scope: { githubRepoIds: readonly number[]; installationId: number | null },
): Promise<Pick<RepositoryRow, 'id' | 'github_repo_id'>[]> {
  return db
    .selectFrom('repositories')
    .select(['id', 'github_repo_id'])
    .where((eb) =>
      eb.or([
        ...(scope.githubRepoIds.length > 0 ? [eb('github_repo_id', 'in', [...scope.githubRepoIds])] : []),
        ...(scope.installationId != null ? [eb('installation_id', '=', scope.installationId)] : []),
        eb.val(false),
      ]),
    )
    .execute();
}

/**
 * Forgets what was indexed of a repository, one branch or all (`branch` null): its snapshots (and so the
 * branch's `indexed_files`), directories and branch rows; removing every branch also detaches the repository from its
 * installation and clears `last_indexed_at`. The repository row stays, so run events keep a valid reference, and
 * a later re-installation starts with a full index. Idempotent.
 */
export async function forgetIndexedBranches(
  db: Kysely<Database>,
  repoId: string,
  branch: string | null,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    let snapshots = trx.deleteFrom('repo_snapshots').where('repository_id', '=', repoId);
    let branches = trx.deleteFrom('repository_branches').where('repository_id', '=', repoId);
    let files = trx.deleteFrom('indexed_files').where('repository_id', '=', repoId);
    let dirs = trx.deleteFrom('indexed_dirs').where('repository_id', '=', repoId);
    if (branch != null) {
      dirs = dirs.where('branch', '=', branch);
      snapshots = snapshots.where('branch', '=', branch);
      branches = branches.where('branch', '=', branch);
      files = files.where('branch', '=', branch);
    }
    await files.execute();
    await dirs.execute();
    await snapshots.execute();
    await branches.execute();
    if (branch == null) {
      await trx
        .updateTable('repositories')
        .set({ installation_id: null, last_indexed_at: null, updated_at: sql<Date>`now()` })
        .where('id', '=', repoId)
        .execute();
    }
  });
}
