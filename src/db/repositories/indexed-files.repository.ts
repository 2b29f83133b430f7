import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { NewIndexedFileRow } from '../tables/indexed-files.table.js';

/**
 * Upserts `indexed_files` rows of one snapshot in one multi-row statement; callers pass batches of a few
 * hundred rows (Postgres allows 65 535 bind parameters per statement). Idempotent on (snapshot_id, file_path).
 */
export async function upsertIndexedFiles(db: Kysely<Database>, rows: NewIndexedFileRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('indexed_files')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['snapshot_id', 'file_path']).doUpdateSet((eb) => ({
        language: eb.ref('excluded.language'),
        content_hash: eb.ref('excluded.content_hash'),
        size_bytes: eb.ref('excluded.size_bytes'),
        symbol_count: eb.ref('excluded.symbol_count'),
        parse_status: eb.ref('excluded.parse_status'),
        error: eb.ref('excluded.error'),
      })),
    )
    .execute();
}

/** Number of `indexed_files` rows of a snapshot. */
export async function countIndexedFiles(db: Kysely<Database>, snapshotId: string): Promise<number> {
  const row = await db
    .selectFrom('indexed_files')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('snapshot_id', '=', snapshotId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
