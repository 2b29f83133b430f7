import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { NewRepoSnapshotRow, RepoSnapshotRow } from '../tables/repo-snapshots.table.js';

/**
 * The SHA of the newest snapshot that has one (C34: snapshots without a SHA are ignored rather than
 * hiding every older one), or null when the repository has none.
 */
export async function latestSnapshotSha(db: Kysely<Database>, repoId: string): Promise<string | null> {
  const row = await db
    .selectFrom('repo_snapshots')
    .select('commit_sha')
    .where('repository_id', '=', repoId)
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

/** The newest snapshots of a repository, newest first. */
export async function listSnapshots(db: Kysely<Database>, repoId: string, limit = 5): Promise<RepoSnapshotRow[]> {
  return db
    .selectFrom('repo_snapshots')
    .selectAll()
    .where('repository_id', '=', repoId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}
