import type { Generated, Insertable, Selectable } from 'kysely';

/** How a file fared in the parse: all symbols, some (syntax errors, cap, timeout), none by rule, or an error. */
export type ParseStatus = 'parsed' | 'partial' | 'skipped' | 'failed';

/** `indexed_files` (parity §7.1, written at last: C36), one row per file of a snapshot. */
export interface IndexedFilesTable {
  id: Generated<string>;
  repository_id: string;
  snapshot_id: string;
  file_path: string;
  /** tree-sitter language name, `text`, or `unknown` for skipped files (the column is NOT NULL in the original). */
  language: string;
  content_hash: string;
  size_bytes: number;
  symbol_count: number;
  parse_status: ParseStatus;
  error: string | null;
  indexed_at: Generated<Date>;
}

/** A row of `indexed_files`. */
export type IndexedFileRow = Selectable<IndexedFilesTable>;
/** A new `indexed_files` row. */
export type NewIndexedFileRow = Insertable<IndexedFilesTable>;
