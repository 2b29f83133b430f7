import type { ParseCacheSummary } from '../db/repositories/parse-cache.repository.js';
import { commitOf, type Commit } from '../engine/commit-files.js';
import { readLines, readWalk, runFile, type ParsedFileLine } from './run-files.js';

/** Reads what the clone and parse steps left in the work dir. */
export async function readCommit(workDir: string): Promise<Commit> {
  const walk = await readWalk(workDir);
  const parsed = new Map<string, ParseCacheSummary>();
  for await (const line of readLines<ParsedFileLine>(runFile(workDir, 'parsedFiles'))) {
    parsed.set(line.path, line.summary);
  }
  return commitOf(walk, parsed);
}
