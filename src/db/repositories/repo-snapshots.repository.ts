import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { NewRepoSnapshotRow, RepoSnapshotRow } from '../tables/repo-snapshots.table.js';

/**
 * The SHA of the branch's newest snapshot that has one, or null when it has none. Snapshots without a SHA are
 * passed over rather than hiding every older one (the original stopped at them and never skipped again).
 */
export async function latestSnapshotSha(db: Kysely<Database>, repoId: string, branch: string): Promise<string | null> {
  const row = await db
    .selectFrom('repo_snapshots')
    .select('commit_sha')
    .where('repository_id', '=', repoId)
    .where('branch', '=', branch)
    .where('commit_sha', 'is not', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.commit_sha ?? null;
}

/**
 * Inserts the snapshot of one indexing run and returns its id. Idempotent per (repository, workflow run): a
 * retried metadata step updates the row it wrote before instead of adding a second one.
 */
export async function insertSnapshot(db: Kysely<Database>, snapshot: NewRepoSnapshotRow): Promise<string> {
  const row = await db
    .insertInto('repo_snapshots')
    .values(snapshot)
    .onConflict((oc) =>
      oc.columns(['repository_id', 'workflow_run_id']).doUpdateSet((eb) => ({
        commit_sha: eb.ref('excluded.commit_sha'),
        file_count: eb.ref('excluded.file_count'),
        symbol_count: eb.ref('excluded.symbol_count'),
        node_count: eb.ref('excluded.node_count'),
        relationship_count: eb.ref('excluded.relationship_count'),
      })),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The newest snapshots of a repository (of one branch when `branch` is given), newest first. */
export async function listSnapshots(
  db: Kysely<Database>,
  repoId: string,
  options: { branch?: string | null; limit?: number } = {},
): Promise<RepoSnapshotRow[]> {
  let query = db.selectFrom('repo_snapshots').selectAll().where('repository_id', '=', repoId);
  if (options.branch != null) query = query.where('branch', '=', options.branch);
  return query
    .orderBy('created_at', 'desc')
    .limit(options.limit ?? 5)
    .execute();
}
