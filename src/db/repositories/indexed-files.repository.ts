import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { IndexedFileRow, NewIndexedFileRow } from '../tables/indexed-files.table.js';

/**
 * Upserts `indexed_files` rows of one branch in one multi-row statement; callers pass batches of a few hundred
 * rows (Postgres allows 65 535 bind parameters per statement). Idempotent on (repository, branch, path).
 */
export async function upsertIndexedFiles(db: Kysely<Database>, rows: NewIndexedFileRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('indexed_files')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['repository_id', 'branch', 'file_path']).doUpdateSet((eb) => ({
        snapshot_id: eb.ref('excluded.snapshot_id'),
        language: eb.ref('excluded.language'),
        content_hash: eb.ref('excluded.content_hash'),
        size_bytes: eb.ref('excluded.size_bytes'),
        symbol_count: eb.ref('excluded.symbol_count'),
        parse_status: eb.ref('excluded.parse_status'),
        error: eb.ref('excluded.error'),
        indexed_at: eb.ref('excluded.indexed_at'),
        blob_oid: eb.ref('excluded.blob_oid'),
        cache_key: eb.ref('excluded.cache_key'),
        summary_hash: eb.ref('excluded.summary_hash'),
        deps: eb.ref('excluded.deps'),
        node_count: eb.ref('excluded.node_count'),
        relationship_count: eb.ref('excluded.relationship_count'),
        imports_edges: eb.ref('excluded.imports_edges'),
        calls_edges: eb.ref('excluded.calls_edges'),
      })),
    )
    .execute();
}

/** Deletes the rows of the given paths of one branch (files the new commit no longer has). */
export async function deleteIndexedFiles(
  db: Kysely<Database>,
  repoId: string,
  branch: string,
  paths: readonly string[],
): Promise<number> {
  if (paths.length === 0) return 0;
  const result = await db
    .deleteFrom('indexed_files')
    .where('repository_id', '=', repoId)
    .where('branch', '=', branch)
    .where('file_path', 'in', [...paths])
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Number of `indexed_files` rows of a branch. */
export async function countIndexedFiles(db: Kysely<Database>, repoId: string, branch: string): Promise<number> {
  const row = await db
    .selectFrom('indexed_files')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('repository_id', '=', repoId)
    .where('branch', '=', branch)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every `indexed_files` row of a branch, by path. */
export async function listIndexedFiles(
  db: Kysely<Database>,
  repoId: string,
  branch: string,
): Promise<IndexedFileRow[]> {
  return db
    .selectFrom('indexed_files')
    .selectAll()
    .where('repository_id', '=', repoId)
    .where('branch', '=', branch)
    .orderBy('file_path')
    .execute();
}

/** What a run needs to know of a branch's files from the previous run (everything but the dependency keys). */
export type BranchFileState = Omit<IndexedFileRow, 'deps' | 'id' | 'repository_id' | 'branch'>;

/** Every file of a branch as the last run left it, without the dependency keys. */
export async function listBranchFileState(db: Kysely<Database>, repoId: string, branch: string): Promise<BranchFileState[]> {
  return db
    .selectFrom('indexed_files')
    .select([
      'snapshot_id',
      'file_path',
      'language',
      'content_hash',
      'size_bytes',
      'symbol_count',
      'parse_status',
      'error',
      'indexed_at',
      'blob_oid',
      'cache_key',
      'summary_hash',
      'node_count',
      'relationship_count',
      'imports_edges',
      'calls_edges',
    ])
    .where('repository_id', '=', repoId)
    .where('branch', '=', branch)
    .execute();
}

/** The files of a branch whose resolution read any of `keys` (the reverse index, through its GIN index). */
export async function findDependentFiles(
  db: Kysely<Database>,
  repoId: string,
  branch: string,
  keys: readonly number[],
): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectFrom('indexed_files')
    .select('file_path')
    .where('repository_id', '=', repoId)
    .where('branch', '=', branch)
    .where(sql<boolean>`deps && ${[...keys]}::integer[]`)
    .execute();
  return rows.map((r) => r.file_path);
}

/** The dependency keys of the given files of a branch (tests and diagnostics). */
export async function listFileDeps(
  db: Kysely<Database>,
  repoId: string,
  branch: string,
): Promise<Map<string, number[]>> {
  const rows = await db
    .selectFrom('indexed_files')
    .select(['file_path', 'deps'])
    .where('repository_id', '=', repoId)
    .where('branch', '=', branch)
    .execute();
  return new Map(rows.map((r) => [r.file_path, r.deps ?? []]));
}
