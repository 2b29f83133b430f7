import type { ParsedFile } from './parsed-file.js';

/** How a file fared: all symbols, some (syntax errors, cap, timeout), none by rule, or an error and nothing. */
export type ParseStatus = 'parsed' | 'partial' | 'skipped' | 'failed';

/**
 * The one rule that says how a file fared; every count of parsed, failed and skipped files (the parse step's
 * summary, `repograph parse`, `indexed_files.parse_status`, the workflow's stats) is a count of this.
 */
export function parseStatusOf(file: Pick<ParsedFile, 'kind' | 'problems' | 'symbols' | 'chunks'>): ParseStatus {
  const p = file.problems;
  if (file.kind === 'skipped') return p.error != null ? 'failed' : 'skipped';
  if (p.error != null && file.symbols.length === 0 && file.chunks.length === 0) return 'failed';
  if (p.error != null || p.timedOut || p.syntaxErrors > 0 || p.truncatedSymbols > 0) return 'partial';
  return 'parsed';
}
