import type { Kysely } from 'kysely';
import type { Database } from '../database.js';

/** The directories of a branch's last walk. */
export async function listIndexedDirs(db: Kysely<Database>, repoId: string, branch: string): Promise<string[]> {
  const rows = await db
    .selectFrom('indexed_dirs')
    .select('dir_path')
    .where('repository_id', '=', repoId)
    .where('branch', '=', branch)
    .execute();
  return rows.map((r) => r.dir_path);
}

/** Adds and removes directories of a branch. */
export async function applyIndexedDirChanges(
  db: Kysely<Database>,
  repoId: string,
  branch: string,
  added: readonly string[],
  removed: readonly string[],
): Promise<void> {
  for (let i = 0; i < added.length; i += 1000) {
    await db
      .insertInto('indexed_dirs')
      .values(added.slice(i, i + 1000).map((dir_path) => ({ repository_id: repoId, branch, dir_path })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  for (let i = 0; i < removed.length; i += 1000) {
    await db
      .deleteFrom('indexed_dirs')
      .where('repository_id', '=', repoId)
      .where('branch', '=', branch)
      .where('dir_path', 'in', removed.slice(i, i + 1000))
      .execute();
  }
}
