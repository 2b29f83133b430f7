import type { ParsedFile } from './parsed-file.js';

/**
 * One line of a parse output file (`parsed.ndjson`): every non-excluded directory, then or interleaved with
 * every file the walk saw (code, text or skipped), in walk order.
 */
export type ParseRecord = { type: 'directory'; relativePath: string } | ({ type: 'file' } & ParsedFile);
