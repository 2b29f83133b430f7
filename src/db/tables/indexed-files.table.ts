import type { Generated, Insertable, Selectable } from 'kysely';
import type { ParseStatus } from '../../parsers/parse-status.js';

/**
 * `indexed_files` (the original's table, never written there): the current files of each branch, one row per
 * file; `snapshot_id` is the snapshot that last wrote the row.
 */
export interface IndexedFilesTable {
  id: Generated<string>;
  repository_id: string;
  branch: string;
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
  /** The git blob id of the file's bytes, and the parse-cache key of its parse result. */
  blob_oid: string | null;
  cache_key: string | null;
  /** Hash of what other files' resolution reads from this file (names, kinds, imports; no line numbers). */
  summary_hash: string | null;
  /** Hashed dependency keys this file's resolution read (see docs/incremental-indexing.md). */
  deps: number[] | null;
  /** Nodes and relationships of the file's graph fragment, and its IMPORTS and CALLS among them. */
  node_count: Generated<number>;
  relationship_count: Generated<number>;
  imports_edges: Generated<number>;
  calls_edges: Generated<number>;
}

/** A row of `indexed_files`. */
export type IndexedFileRow = Selectable<IndexedFilesTable>;
/** A new `indexed_files` row. */
export type NewIndexedFileRow = Insertable<IndexedFilesTable>;
