import type { Generated, Insertable, Selectable } from 'kysely';
import type { ParseStatus } from '../../parsers/parse-status.js';

/** `parse_cache`: one parse result per (file content, language, parser version), shared by every worker. */
export interface ParseCacheTable {
  cache_key: string;
  /** The parse record as its NDJSON line, for the path it was first parsed under. */
  record: string;
  language: string | null;
  parse_status: ParseStatus;
  symbol_count: number;
  chunk_count: number;
  large: boolean;
  size_bytes: number;
  content_hash: string;
  error: string | null;
  created_at: Generated<Date>;
  used_at: Generated<Date>;
}

/** A row of `parse_cache`. */
export type ParseCacheRow = Selectable<ParseCacheTable>;
/** A new `parse_cache` row. */
export type NewParseCacheRow = Insertable<ParseCacheTable>;
