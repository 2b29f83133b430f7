import { writeFile } from 'node:fs/promises';
import type { ParseCacheSummary } from '../db/repositories/parse-cache.repository.js';
import type { NewIndexedFileRow } from '../db/tables/indexed-files.table.js';
import type { FileFragment } from '../graph/graph-emitter.js';
import { NdjsonSink } from '../graph/ndjson-sink.js';
import { parseStatusOf } from '../parsers/parse-status.js';
import { hashDependencyKey } from '../resolution/dependency-keys.js';
import type { IndexingMode } from '../shared/repo-indexing.js';
import { readLines, runFile, RUN_FILES, type WalkLine } from './run-files.js';

/** One file's `indexed_files` row, without the keys the metadata step adds (repository, branch, snapshot). */
export type FileStateRow = Omit<NewIndexedFileRow, 'repository_id' | 'branch' | 'snapshot_id' | 'id' | 'indexed_at'>;

/** What the knowledge-graph step changed, for the metadata step to record in the same run. */
export interface BranchStateChanges {
  mode: IndexingMode;
  commitSha: string;
  graphVersion: string;
  layoutHash: string;
  /** Rows to insert or update: how many the run's `stateRows` file holds ({@link StateRows}). */
  upserts: number;
  /** Paths whose rows go (files the commit no longer has). */
  deletes: string[];
  /** Full mode: every row of the branch is in `upserts`; any other row goes. */
  replaceAll: boolean;
  addedDirs: string[];
  removedDirs: string[];
  /** Totals of the branch's graph after the write. */
  nodes: number;
  relationships: number;
}

/** The row of a file the walk skips (unsupported, excluded, too large, a symlink it does not follow). */
export function skippedFileRow(line: WalkLine): FileStateRow {
  return {
    file_path: line.relativePath,
    language: 'unknown',
    content_hash: '',
    size_bytes: line.sizeBytes,
    symbol_count: 0,
    parse_status: 'skipped',
    error: line.skipReason,
    blob_oid: line.blobOid ?? null,
    cache_key: null,
    summary_hash: null,
    deps: null,
    node_count: 0,
    relationship_count: 0,
    imports_edges: 0,
    calls_edges: 0,
  };
}

/** The row of a parsed file that has no graph fragment (skipped by its content, or unreadable). */
export function fragmentlessFileRow(line: WalkLine, cached: ParseCacheSummary): FileStateRow {
  return {
    ...skippedFileRow(line),
    language: cached.language ?? 'unknown',
    content_hash: cached.content_hash,
    size_bytes: cached.size_bytes,
    parse_status: cached.parse_status,
    error: cached.error,
    cache_key: line.cacheKey ?? null,
  };
}

/** The row of a file with a graph fragment. */
export function fragmentFileRow(line: WalkLine, file: FileFragment): FileStateRow {
  const rels = file.fragment.rels;
  return {
    file_path: file.file.relativePath,
    language: file.file.language ?? 'unknown',
    content_hash: file.file.contentHash,
    size_bytes: file.file.sizeBytes,
    symbol_count: file.file.symbols.length,
    parse_status: parseStatusOf(file.file),
    error: file.file.problems.error ?? file.file.problems.skipReason,
    blob_oid: line.blobOid ?? null,
    cache_key: line.cacheKey ?? null,
    summary_hash: file.summaryHash,
    deps: [...new Set([...file.keys].map(hashDependencyKey))].sort((a, b) => a - b),
    node_count: file.fragment.nodes.length,
    relationship_count: rels.length,
    imports_edges: rels.filter((r) => r.type === 'IMPORTS').length,
    calls_edges: rels.filter((r) => r.type === 'CALLS').length,
  };
}

/**
 * The `indexed_files` rows a knowledge-graph step changed, appended to the run's `stateRows` file as they are
 * made (one per line), so a repository of any size never holds them all in memory.
 */
export class StateRows {
  count = 0;

  private constructor(private readonly sink: NdjsonSink) {}

  /** Creates (or empties) the run's `stateRows` file, so a run that changes no row leaves an empty one. */
  static async create(workDir: string): Promise<StateRows> {
    await writeFile(runFile(workDir, 'stateRows'), '');
    return new StateRows(await NdjsonSink.create(workDir));
  }

  async write(row: FileStateRow): Promise<void> {
    this.count++;
    await this.sink.write(RUN_FILES.stateRows, row);
  }

  /** Writes what is buffered and closes the file; later calls do nothing. */
  async close(): Promise<void> {
    await this.sink.close();
  }
}

/** The rows a {@link StateRows} wrote, streamed. */
export function readStateRows(workDir: string): AsyncGenerator<FileStateRow> {
  return readLines<FileStateRow>(runFile(workDir, 'stateRows'));
}
