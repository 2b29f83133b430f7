import type { ParsedFile } from './parsed-file.js';
import type { ParseStats } from '../shared/indexing-steps.js';
import type { ParseStatus } from '../db/tables/indexed-files.table.js';
import { readParseRecords } from './read-parse-records.js';

/** How a parsed file fared, as stored in `indexed_files.parse_status`. */
export function parseStatusOf(file: ParsedFile): ParseStatus {
  const p = file.problems;
  if (file.kind === 'skipped') return p.error != null ? 'failed' : 'skipped';
  if (p.error != null && file.symbols.length === 0 && file.chunks.length === 0) return 'failed';
  if (p.error != null || p.timedOut || p.syntaxErrors > 0 || p.truncatedSymbols > 0) return 'partial';
  return 'parsed';
}

/** Counts of a `parsed.ndjson` file (IndexingStats names, parity §5.6). */
export async function summariseParse(parsedPath: string): Promise<ParseStats> {
  const stats: ParseStats = {
    total_files: 0,
    indexed_files: 0,
    skipped_files: 0,
    failed_files: 0,
    total_directories: 0,
    total_symbols: 0,
    total_text_chunks: 0,
    large_files_chunked: 0,
  };
  for await (const record of readParseRecords(parsedPath)) {
    if (record.type === 'directory') {
      stats.total_directories += 1;
      continue;
    }
    stats.total_files += 1;
    const status = parseStatusOf(record);
    if (status === 'skipped') stats.skipped_files += 1;
    else if (status === 'failed') stats.failed_files += 1;
    else stats.indexed_files += 1;
    stats.total_symbols += record.symbols.length;
    stats.total_text_chunks += record.chunks.length;
    if (record.large) stats.large_files_chunked += 1;
  }
  return stats;
}
