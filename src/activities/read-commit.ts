import type { ParseCacheSummary } from '../db/repositories/parse-cache.repository.js';
import { parentDir } from '../parsers/repo-path.js';
import { readLines, readWalk, runFile, type ParsedFileLine, type WalkLine } from './run-files.js';

/** The commit's files and directories as the clone and parse steps left them. */
export interface Commit {
  walk: WalkLine[];
  dirs: string[];
  /** Files with a parse result (cached or parsed now), by path, with what the cache says of them. */
  summaries: Map<string, { line: WalkLine; summary: ParseCacheSummary }>;
  /** Files with a graph fragment (a parse result with a language), in walk order. */
  graphFiles: { line: WalkLine; summary: ParseCacheSummary }[];
  /** Each directory's children in the graph (directories and files with a fragment), in walk order. */
  children: Map<string, string[]>;
}

/** Reads what the clone and parse steps left in the work dir. */
export async function readCommit(workDir: string): Promise<Commit> {
  const walk = await readWalk(workDir);
  const parsed = new Map<string, ParseCacheSummary>();
  for await (const line of readLines<ParsedFileLine>(runFile(workDir, 'parsedFiles'))) {
    parsed.set(line.path, line.summary);
  }
  const summaries = new Map<string, { line: WalkLine; summary: ParseCacheSummary }>();
  const graphFiles: Commit['graphFiles'] = [];
  const dirs: string[] = [];
  const children = new Map<string, string[]>();
  const addChild = (entry: string) => {
    const parent = parentDir(entry);
    const list = children.get(parent);
    if (list == null) children.set(parent, [entry]);
    else list.push(entry);
  };
  for (const line of walk) {
    if (line.type === 'directory') {
      dirs.push(line.relativePath);
      if (line.relativePath !== '.') addChild(line.relativePath);
      continue;
    }
    const summary = line.cached ?? parsed.get(line.relativePath);
    if (line.skipReason != null || summary == null) continue;
    summaries.set(line.relativePath, { line, summary });
    if (summary.language != null) {
      graphFiles.push({ line, summary });
      addChild(line.relativePath);
    }
  }
  return { walk, dirs, summaries, graphFiles, children };
}
