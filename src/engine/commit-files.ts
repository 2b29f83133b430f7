import type { ParseCacheSummary } from '../db/repositories/parse-cache.repository.js';
import type { WalkEntry } from '../parsers/walk-tree.js';
import { parentDir } from '../parsers/repo-path.js';
import { RepoIndex } from '../resolution/repo-index.js';

/** A walk entry of a commit with what the clone step found out about it. */
export interface WalkLine extends WalkEntry {
  /** The language its path selects (`python`, `text`, …); null for files the walk skips. */
  language?: string | null;
  /** The parse-cache key of its content; absent for directories and skipped files. */
  cacheKey?: string;
  /** The cached parse summary, when its parse result is in the cache (and the run is not a full one). */
  cached?: ParseCacheSummary | null;
}

/** A file of the commit with a parse result, and what the parse cache says of it. */
export interface CommitFile {
  line: WalkLine;
  summary: ParseCacheSummary;
}

/** The commit's files and directories, as an engine run sees them. */
export interface Commit {
  walk: WalkLine[];
  dirs: string[];
  /** Files with a parse result (cached or parsed now), by path. */
  summaries: Map<string, CommitFile>;
  /** Files with a graph fragment (a parse result with a language), in walk order. */
  graphFiles: CommitFile[];
  /** Each directory's children in the graph (directories and files with a fragment), in walk order. */
  children: Map<string, string[]>;
}

/**
 * The commit from its walk and the summaries of the files parsed now (`parsed`, by path; a file the cache had
 * carries its summary in its walk line).
 */
export function commitOf(walk: WalkLine[], parsed: ReadonlyMap<string, ParseCacheSummary>): Commit {
  const summaries = new Map<string, CommitFile>();
  const graphFiles: CommitFile[] = [];
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

/** A symbol table of the commit: every directory, and every file with a fragment known (path, language), none loaded. */
export function commitIndex(commit: Commit): RepoIndex {
  const index = new RepoIndex();
  for (const dir of commit.dirs) index.addDir(dir);
  for (const { line, summary } of commit.graphFiles) index.addKnownFile(line.relativePath, summary.language);
  return index;
}
