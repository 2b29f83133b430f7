import type { ParseCacheSummary } from '../db/repositories/parse-cache.repository.js';
import type { IndexedFileRow } from '../db/tables/indexed-files.table.js';
import type { FileFragment } from '../graph/graph-emitter.js';
import { parseStatusOf } from '../parsers/parse-status.js';
import { hashDependencyKey } from '../resolution/dependency-keys.js';
import type { WalkLine } from './commit-files.js';

/** One file's `indexed_files` row, without the keys the metadata step adds (repository, branch, snapshot). */
export type FileStateRow = Omit<IndexedFileRow, 'repository_id' | 'branch' | 'snapshot_id' | 'id' | 'indexed_at'>;

/** What an engine run reads of a file's stored row: how its fragment was made, and what the fragment held. */
export type FileState = Pick<
  FileStateRow,
  | 'file_path'
  | 'parse_status'
  | 'size_bytes'
  | 'error'
  | 'blob_oid'
  | 'cache_key'
  | 'summary_hash'
  | 'node_count'
  | 'relationship_count'
  | 'imports_edges'
  | 'calls_edges'
>;

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

/** Whether a fragmentless file's new row says what its stored row says (then it is not written again). */
export function sameFragmentlessRow(before: FileState | undefined, row: FileStateRow): boolean {
  return (
    before != null &&
    before.parse_status === row.parse_status &&
    before.size_bytes === row.size_bytes &&
    before.error === row.error &&
    before.blob_oid === row.blob_oid &&
    before.cache_key === row.cache_key &&
    before.node_count === 0
  );
}
