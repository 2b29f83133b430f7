import { createHash } from 'node:crypto';
import type { ParserConfig } from '../config/read-config.js';
import type { ParsedFile } from './parsed-file.js';

/**
 * The parse-cache key of a file's content: the git blob id of its bytes, the language its path selects, the
 * parser version, and the limits that change what a parse produces. Anything else about the file (its path) is
 * not part of the result, so a renamed or copied file reuses it.
 */
export function parseCacheKey(
  blobOid: string,
  language: string,
  parserVersion: string,
  config: Pick<ParserConfig, 'maxFileBytes' | 'maxSymbolsPerFile'>,
): string {
  return createHash('sha256')
    .update(`${parserVersion}\0${language}\0${blobOid}\0${config.maxFileBytes}\0${config.maxSymbolsPerFile}`)
    .digest('hex');
}

/** Whether a parse result may be cached: not when a time budget or a dying thread cut it short (it may differ). */
export function isCacheable(file: Pick<ParsedFile, 'problems'>): boolean {
  return !file.problems.timedOut && !(file.problems.error ?? '').startsWith('parser thread');
}

/** The git blob id of `bytes` (SHA-1 of `blob <length>\0` and the bytes), for content not read from git. */
export function gitBlobOid(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
