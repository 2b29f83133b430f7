import { isCacheable } from './parse-cache-key.js';
import { parseStatusOf, type ParseStatus } from './parse-status.js';
import type { ParsedFile } from './parsed-file.js';

/**
 * What the parse cache and the step's counts need to know about one file record, taken in the thread that made
 * the record, so the thread that receives its line never has to parse it again.
 */
export interface RecordFacts {
  relativePath: string;
  language: string | null;
  status: ParseStatus;
  symbols: number;
  chunks: number;
  large: boolean;
  sizeBytes: number;
  contentHash: string;
  /** `problems.error`, else `problems.skipReason`. */
  error: string | null;
  /** Whether the result may go into the parse cache ({@link isCacheable}). */
  cacheable: boolean;
}

/** The facts of one parsed file. */
export function recordFacts(file: ParsedFile): RecordFacts {
  return {
    relativePath: file.relativePath,
    language: file.language,
    status: parseStatusOf(file),
    symbols: file.symbols.length,
    chunks: file.chunks.length,
    large: file.large,
    sizeBytes: file.sizeBytes,
    contentHash: file.contentHash,
    error: file.problems.error ?? file.problems.skipReason,
    cacheable: isCacheable(file),
  };
}
