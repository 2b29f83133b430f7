import type { ParseRecord } from './parse-record.js';
import { parseStatusOf, type ParseStatus } from './parse-status.js';
import type { ParseStats } from '../shared/indexing-steps.js';

/** Counts of one `parseRepository` run; the workflow heartbeats with these and the CLI prints them. */
export interface ParseSummary {
  /** File records written (code, text and skipped). */
  files: number;
  directories: number;
  filesByKind: Record<'code' | 'text' | 'skipped', number>;
  /** Parsed files per language (`python`, `tsx`, `text`, …). */
  filesByLanguage: Record<string, number>;
  /** Skipped files per `problems.skipReason`. */
  skipped: Record<string, number>;
  /** Files per {@link parseStatusOf}: the only rule for parsed, partial, skipped and failed. */
  statuses: Record<ParseStatus, number>;
  /** Files that produced nothing because parsing failed (`statuses.failed`). */
  failed: number;
  timedOut: number;
  /** Files over the size above which a file is processed on the large-file path. */
  largeFiles: number;
  filesWithSyntaxErrors: number;
  symbols: number;
  symbolsByKind: Record<string, number>;
  /** imports + calls + inheritance + local types. */
  references: number;
  textChunks: number;
  /** Bytes of the files that were parsed or chunked. */
  bytes: number;
  wallMs: number;
  /** Walk problems (unreadable directories), at most 100. */
  errors: string[];
}

/** A summary with every count at zero. */
export function emptyParseSummary(): ParseSummary {
  return {
    files: 0,
    directories: 0,
    filesByKind: { code: 0, text: 0, skipped: 0 },
    filesByLanguage: {},
    skipped: {},
    statuses: { parsed: 0, partial: 0, skipped: 0, failed: 0 },
    failed: 0,
    timedOut: 0,
    largeFiles: 0,
    filesWithSyntaxErrors: 0,
    symbols: 0,
    symbolsByKind: {},
    references: 0,
    textChunks: 0,
    bytes: 0,
    wallMs: 0,
    errors: [],
  };
}

function bump(counts: Record<string, number>, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}

/** Adds one record to `summary` in place. */
export function addToSummary(summary: ParseSummary, record: ParseRecord): void {
  if (record.type === 'directory') {
    summary.directories++;
    return;
  }
  summary.files++;
  summary.filesByKind[record.kind]++;
  const status = parseStatusOf(record);
  summary.statuses[status]++;
  if (status === 'failed') summary.failed++;
  const { problems } = record;
  if (record.kind === 'skipped') {
    bump(summary.skipped, problems.skipReason ?? 'unknown');
    return;
  }
  bump(summary.filesByLanguage, record.language ?? 'unknown');
  summary.bytes += record.sizeBytes;
  if (record.large) summary.largeFiles++;
  if (problems.timedOut) summary.timedOut++;
  if (problems.syntaxErrors > 0) summary.filesWithSyntaxErrors++;
  summary.symbols += record.symbols.length;
  for (const symbol of record.symbols) bump(summary.symbolsByKind, symbol.kind);
  summary.references += record.imports.length + record.calls.length + record.inheritance.length;
  summary.references += record.localTypes.length;
  summary.textChunks += record.chunks.length;
}

/** Adds the counts of `part` (e.g. one file's summary built in a pool thread) to `summary` in place. */
export function mergeSummary(summary: ParseSummary, part: ParseSummary): void {
  summary.files += part.files;
  summary.directories += part.directories;
  for (const kind of ['code', 'text', 'skipped'] as const) summary.filesByKind[kind] += part.filesByKind[kind];
  for (const [key, count] of Object.entries(part.filesByLanguage)) bump(summary.filesByLanguage, key, count);
  for (const [key, count] of Object.entries(part.skipped)) bump(summary.skipped, key, count);
  for (const [key, count] of Object.entries(part.symbolsByKind)) bump(summary.symbolsByKind, key, count);
  for (const status of ['parsed', 'partial', 'skipped', 'failed'] as const) {
    summary.statuses[status] += part.statuses[status];
  }
  summary.failed += part.failed;
  summary.timedOut += part.timedOut;
  summary.largeFiles += part.largeFiles;
  summary.filesWithSyntaxErrors += part.filesWithSyntaxErrors;
  summary.symbols += part.symbols;
  summary.references += part.references;
  summary.textChunks += part.textChunks;
  summary.bytes += part.bytes;
}

/** The workflow's parse counts (the original's names) from a summary: indexed means parsed or partial. */
export function parseStatsOf(summary: ParseSummary): Omit<ParseStats, 'files_parsed' | 'files_reused'> {
  return {
    total_files: summary.files,
    indexed_files: summary.statuses.parsed + summary.statuses.partial,
    skipped_files: summary.statuses.skipped,
    failed_files: summary.statuses.failed,
    total_directories: summary.directories,
    total_symbols: summary.symbols,
    total_text_chunks: summary.textChunks,
    large_files_chunked: summary.largeFiles,
  };
}

/** What one file adds to the workflow's parse counts. */
export interface FileCounts {
  status: ParseStatus;
  symbols: number;
  chunks: number;
  large: boolean;
}

/** The workflow's parse counts (the original's names) from every file's counts and the number of directories. */
export function countParseStats(
  files: Iterable<FileCounts>,
  directories: number,
): Omit<ParseStats, 'files_parsed' | 'files_reused'> {
  const stats = {
    total_files: 0,
    indexed_files: 0,
    skipped_files: 0,
    failed_files: 0,
    total_directories: directories,
    total_symbols: 0,
    total_text_chunks: 0,
    large_files_chunked: 0,
  };
  for (const file of files) {
    stats.total_files++;
    if (file.status === 'parsed' || file.status === 'partial') stats.indexed_files++;
    else if (file.status === 'skipped') stats.skipped_files++;
    else stats.failed_files++;
    stats.total_symbols += file.symbols;
    stats.total_text_chunks += file.chunks;
    if (file.large) stats.large_files_chunked++;
  }
  return stats;
}
