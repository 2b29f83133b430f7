import path from 'node:path';
import type { ParseCacheSummary } from '../db/repositories/parse-cache.repository.js';
import type { WalkLine } from '../engine/commit-files.js';
import { readJsonLines } from '../parsers/read-json-lines.js';

/**
 * The files a run keeps in its work dir on the host that runs it. Only their directory crosses Temporal; each
 * step reads what the steps before it wrote, and the `finally` cleanup deletes them all.
 */
export const RUN_FILES = {
  /** The commit's walk (clone): one {@link WalkLine} per directory and file, in walk order. */
  walk: 'walk.ndjson',
  /** Files checked out because they must be parsed or read (clone). */
  checkout: 'checkout',
  /** Parse records of the files parsed by this run (parse), in walk order. */
  records: 'records.ndjson',
  /** Path, kind and language of each record in `records` (parse): what later steps need without the records. */
  parsedFiles: 'parsed-files.ndjson',
  /** Every parse record of the commit in walk order, when a run needs them all (knowledge graph, full mode). */
  allRecords: 'all-records.ndjson',
  /** What the knowledge-graph step changed, for the metadata step to record ({@link BranchStateChanges}). */
  state: 'state.json',
  /** The `indexed_files` rows the knowledge-graph step changed, one per line (`StateRows`). */
  stateRows: 'state-rows.ndjson',
} as const;

/** A line of `parsed-files.ndjson`: what the parse cache would say of a file parsed by this run. */
export interface ParsedFileLine {
  path: string;
  /** `language` null: the file was skipped by its content (binary) or unreadable and has no graph fragment. */
  summary: ParseCacheSummary;
}

/** The path of one of the run's files. */
export function runFile(workDir: string, name: keyof typeof RUN_FILES): string {
  return path.join(workDir, RUN_FILES[name]);
}

/** Streams an NDJSON file of the work dir one value at a time. */
export function readLines<T>(file: string): AsyncGenerator<T> {
  return readJsonLines<T>(file);
}

/** The walk the clone step wrote. */
export async function readWalk(workDir: string): Promise<WalkLine[]> {
  const lines: WalkLine[] = [];
  for await (const line of readLines<WalkLine>(runFile(workDir, 'walk'))) lines.push(line);
  return lines;
}
