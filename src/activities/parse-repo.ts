import { writeFile } from 'node:fs/promises';
import { ApplicationFailure } from '@temporalio/common';
import { cancellationSignal } from '@temporalio/activity';
import { classifyPostgresError, isPostgresError } from '../db/classify-postgres-error.js';
import {
  insertParseCache,
  parseCacheSummaryOf,
  type NewParseCacheEntry,
  type ParseCacheSummary,
} from '../db/repositories/parse-cache.repository.js';
import type { WalkLine } from '../engine/commit-files.js';
import { countParseStats, type FileCounts } from '../parsers/parse-summary.js';
import type { RecordFacts } from '../parsers/record-facts.js';
import { lineWithoutNewline } from '../parsers/record-line.js';
import { ErrorType } from '../shared/errors.js';
import type { ParseInput, ParseResult } from '../shared/indexing-steps.js';
import type { ActivityDeps } from './activity-deps.js';
import { heartbeatWhile } from './heartbeat-while.js';
import { readWalk, runFile, type ParsedFileLine } from './run-files.js';
import { runStep } from './run-step.js';

/** Parse results are written to the shared cache in batches of this many, or fewer when their records are big. */
const CACHE_BATCH = 100;
const CACHE_BATCH_BYTES = 8 << 20;

function classifyParseError(error: unknown): ApplicationFailure {
  if (error instanceof ApplicationFailure) return error;
  // Results go into the shared cache as they come: its errors are PostgreSQL's.
  if (isPostgresError(error)) return classifyPostgresError(error);
  const code = (error as { code?: unknown } | null)?.code;
  // The checkout vanished (another host, a manual cleanup): no retry on this queue can bring it back.
  const type = code === 'ENOENT' ? ErrorType.InvalidInput : ErrorType.Transient;
  return ApplicationFailure.create({
    type,
    message: `Parsing failed: ${error instanceof Error ? error.message : String(error)}`,
    nonRetryable: type !== ErrorType.Transient,
    cause: error instanceof Error ? error : undefined,
  });
}

function summaryOf(row: NewParseCacheEntry & ParseCacheSummary): ParseCacheSummary {
  const summary: Partial<typeof row> = { ...row };
  delete summary.record;
  return summary as ParseCacheSummary;
}

function cacheRow(key: string, line: Uint8Array, facts: RecordFacts): NewParseCacheEntry & ParseCacheSummary {
  return { ...parseCacheSummaryOf(key, facts), record: line };
}

function cachedCounts(line: WalkLine): FileCounts | null {
  const cached = line.cached;
  if (cached == null) return null;
  return { status: cached.parse_status, symbols: cached.symbol_count, chunks: cached.chunk_count, large: cached.large };
}

/**
 * Parse step: parses, on the worker's thread pool, only the files the clone step found no cached result for,
 * writes their records to the work dir and to the shared parse cache, and counts every file of the commit (the
 * parsed ones, the reused ones and the ones the walk skips) by one rule. Heartbeats throughout; only counts are
 * returned. Idempotent: a retry parses again what is not cached yet.
 */
export function createParseRepo(deps: ActivityDeps) {
  return async function parseRepo(input: ParseInput): Promise<ParseResult> {
    return runStep(
      deps.db,
      input.event_context,
      {
        name: 'parseRepo',
        startedMessage: `parsing ${input.commit_sha.slice(0, 12)}`,
        completed: (r) => ({ ...r.stats }),
        classify: classifyParseError,
      },
      async () => {
        const walk = await readWalk(input.work_dir);
        const toParse = walk.filter((l) => l.type === 'file' && l.cacheKey != null && l.cached == null);
        const keyOf = new Map(toParse.map((l) => [l.relativePath, l.cacheKey!]));
        const counts: FileCounts[] = [];
        const parsedFiles: ParsedFileLine[] = [];
        let rows: NewParseCacheEntry[] = [];
        let rowBytes = 0;
        const flush = async () => {
          const batch = rows;
          rows = [];
          rowBytes = 0;
          await insertParseCache(deps.db, batch);
        };
        await heartbeatWhile((onProgress) =>
          deps.parseRepository({
            entries: toParse,
            outputPath: runFile(input.work_dir, 'records'),
            config: deps.config.parser,
            onProgress,
            signal: cancellationSignal(),
            onRecord: async (record) => {
              const { facts } = record;
              if (facts == null) return;
              counts.push({ status: facts.status, symbols: facts.symbols, chunks: facts.chunks, large: facts.large });
              const key = keyOf.get(facts.relativePath) ?? '';
              const row = cacheRow(key, lineWithoutNewline(record), facts);
              parsedFiles.push({ path: facts.relativePath, summary: summaryOf(row) });
              if (key !== '' && facts.cacheable) {
                rows.push(row);
                rowBytes += row.record.byteLength;
              }
              if (rows.length >= CACHE_BATCH || rowBytes >= CACHE_BATCH_BYTES) await flush();
            },
          }),
        );
        await flush();
        await writeFile(
          runFile(input.work_dir, 'parsedFiles'),
          parsedFiles.map((f) => `${JSON.stringify(f)}\n`).join(''),
        );
        const reused = walk.filter((l) => l.cached != null);
        for (const line of walk) {
          if (line.type !== 'file') continue;
          if (line.skipReason != null) counts.push({ status: 'skipped', symbols: 0, chunks: 0, large: false });
          else {
            const cached = cachedCounts(line);
            if (cached != null) counts.push(cached);
          }
        }
        const directories = walk.filter((l) => l.type === 'directory').length;
        return {
          stats: { ...countParseStats(counts, directories), files_parsed: toParse.length, files_reused: reused.length },
        };
      },
    );
  };
}
