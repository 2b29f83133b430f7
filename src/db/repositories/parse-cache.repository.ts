import { sql, type Kysely } from 'kysely';
import type { RecordFacts } from '../../parsers/record-facts.js';
import type { Database } from '../database.js';
import type { NewParseCacheRow, ParseCacheRow } from '../tables/parse-cache.table.js';

/** What a cached parse result says about its file, without the record itself. */
export type ParseCacheSummary = Omit<ParseCacheRow, 'record' | 'created_at' | 'used_at'>;

/** Keys per statement: far below Postgres' limits, large enough that a big commit takes a few round trips. */
const KEYS_PER_QUERY = 5_000;
/** Rows per multi-row insert (12 columns each). */
const ROWS_PER_INSERT = 200;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The cached summaries of those of `keys` that are in the cache. */
export async function lookupParseCache(
  db: Kysely<Database>,
  keys: readonly string[],
): Promise<Map<string, ParseCacheSummary>> {
  const found = new Map<string, ParseCacheSummary>();
  for (const part of chunks([...new Set(keys)], KEYS_PER_QUERY)) {
    const rows = await db
      .selectFrom('parse_cache')
      .select([
        'cache_key',
        'language',
        'parse_status',
        'symbol_count',
        'chunk_count',
        'large',
        'size_bytes',
        'content_hash',
        'error',
      ])
      .where('cache_key', '=', sql<string>`ANY(${part}::varchar[])`)
      .execute();
    for (const row of rows) found.set(row.cache_key, row);
  }
  return found;
}

/** The cached records (NDJSON lines) of `keys`. */
export async function readParseCacheRecords(
  db: Kysely<Database>,
  keys: readonly string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const part of chunks([...new Set(keys)], 500)) {
    const rows = await db
      .selectFrom('parse_cache')
      .select(['cache_key', 'record'])
      .where('cache_key', '=', sql<string>`ANY(${part}::varchar[])`)
      .execute();
    for (const row of rows) found.set(row.cache_key, row.record);
  }
  return found;
}

/** What the cache says of a parse result stored under `key`, from the facts of its record. */
export function parseCacheSummaryOf(key: string, facts: RecordFacts): ParseCacheSummary {
  return {
    cache_key: key,
    language: facts.language,
    parse_status: facts.status,
    symbol_count: facts.symbols,
    chunk_count: facts.chunks,
    large: facts.large,
    size_bytes: facts.sizeBytes,
    content_hash: facts.contentHash,
    error: facts.error,
  };
}

/** A parse result to cache: a new row whose record is the UTF-8 bytes of its NDJSON line (no newline). */
export type NewParseCacheEntry = Omit<NewParseCacheRow, 'record'> & { record: Uint8Array };

/**
 * Adds parse results; a key already there keeps its row (the same key always means the same result). Each record
 * goes to the server as a binary parameter and is decoded there, so the caller never has to hold it as a string.
 */
export async function insertParseCache(db: Kysely<Database>, entries: readonly NewParseCacheEntry[]): Promise<void> {
  for (const part of chunks(entries, ROWS_PER_INSERT)) {
    const rows = part.map((entry) => ({ ...entry, record: sql<string>`convert_from(${entry.record}::bytea, 'UTF8')` }));
    await db
      .insertInto('parse_cache')
      .values(rows)
      .onConflict((oc) => oc.column('cache_key').doNothing())
      .execute();
  }
}

/** Marks `keys` as used now, where they were last used more than a day ago (so pruning keeps them). */
export async function touchParseCache(db: Kysely<Database>, keys: readonly string[]): Promise<void> {
  for (const part of chunks([...new Set(keys)], KEYS_PER_QUERY)) {
    await db
      .updateTable('parse_cache')
      .set({ used_at: sql<Date>`now()` })
      .where('cache_key', '=', sql<string>`ANY(${part}::varchar[])`)
      .where('used_at', '<', sql<Date>`now() - interval '1 day'`)
      .execute();
  }
}

/** Deletes results no run has used for `days` days; returns how many. */
export async function pruneParseCache(db: Kysely<Database>, days: number): Promise<number> {
  const result = await db
    .deleteFrom('parse_cache')
    .where('used_at', '<', sql<Date>`now() - ${`${days} days`}::interval`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
