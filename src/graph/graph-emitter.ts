import path from 'node:path';
import type { ParsedFile } from '../parsers/parsed-file.js';
import { fileNodeId } from '../identity/graph-ids.js';
import { exportedSummaryHash } from '../resolution/exported-summary.js';
import { indexedFileOf, symbolNodeIds } from '../resolution/indexed-file.js';
import { resolveFileReferences } from '../resolution/resolve-file-references.js';
import type { SymbolLookup } from '../resolution/symbol-lookup.js';
import { fileNodeRow, symbolRows, textRows, type RowContext } from './file-node-rows.js';
import type { Fragment } from './fragment.js';
import { NODE_LABELS, REL_TYPES, type NodeLabel, type RelRow, type RelType } from './graph-model.js';

/** Unresolved references of one language. */
export interface UnresolvedCounts {
  imports: number;
  calls: number;
  /** Module-level calls: they have no caller symbol and are not attached to anything. */
  callerlessCalls: number;
  bases: number;
}

/** What a graph holds, counted from its fragments (one counting rule for every report). */
export interface GraphSummary {
  nodes: Record<NodeLabel, number>;
  relationships: Record<RelType, number>;
  /** `"<TYPE>:<resolution>"` → relationship count, for CALLS, IMPORTS, INHERITS and IMPLEMENTS. */
  resolutions: Record<string, number>;
  unresolved: Record<string, UnresolvedCounts>;
  directories: number;
  files: number;
}

/** A summary with every count at zero. */
export function emptyGraphSummary(): GraphSummary {
  return {
    nodes: Object.fromEntries(NODE_LABELS.map((l) => [l, 0])) as Record<NodeLabel, number>,
    relationships: Object.fromEntries(REL_TYPES.map((t) => [t, 0])) as Record<RelType, number>,
    resolutions: {},
    unresolved: {},
    directories: 0,
    files: 0,
  };
}

/** Adds a fragment's elements to `summary`. */
export function countFragment(summary: GraphSummary, fragment: Fragment): void {
  if (fragment.isDirectory) summary.directories++;
  else summary.files++;
  for (const node of fragment.nodes) summary.nodes[node.label]++;
  for (const rel of fragment.rels) {
    summary.relationships[rel.type]++;
    const resolution = rel.row.props.resolution;
    if (typeof resolution === 'string') {
      const key = `${rel.type}:${resolution}`;
      summary.resolutions[key] = (summary.resolutions[key] ?? 0) + 1;
    }
  }
}

/** A file's fragment and what its resolution read and could not resolve. */
export interface FileFragment {
  fragment: Fragment;
  /** The parse record the fragment was made from. */
  file: ParsedFile;
  /** Hash of what other files' resolution can read from this one (`exported-summary.ts`). */
  summaryHash: string;
  /** Dependency keys the file's resolution read (see `dependency-keys.ts`). */
  keys: Set<string>;
  language: string;
  /** What the file's references left unresolved; null for files that have no references (text). */
  unresolved: UnresolvedCounts | null;
}

/**
 * The name of the root directory node: the last part of the repository's name, or of the checkout's absolute
 * path (`root` when there is none).
 */
export function rootNameOf(name: string | null): string {
  return name?.slice(name.lastIndexOf('/') + 1) || 'root';
}

/**
 * Turns directories and parsed files into fragments: rows with the original's labels and properties, ids from
 * `identity/graph-ids.ts`, references resolved through `lookup`.
 */
export class GraphEmitter {
  constructor(
    readonly ctx: RowContext,
    readonly lookup: SymbolLookup,
  ) {}

  /** The fragment of a directory: its FileNode and a HAS_FILE to each child (directory or file) in the graph. */
  directory(relativePath: string, rootName: string, children: readonly string[]): Fragment {
    const basename = relativePath === '.' ? rootName : path.posix.basename(relativePath);
    const id = fileNodeId(relativePath);
    return {
      owner: relativePath,
      isDirectory: true,
      nodes: [{ label: 'FileNode', row: fileNodeRow(this.ctx, relativePath, basename, null) }],
      rels: children.map((child) => ({
        type: 'HAS_FILE' as const,
        row: { source: id, target: fileNodeId(child), props: {} },
      })),
    };
  }

  /** The fragment of a parsed file (not skipped), with the dependency keys its resolution read. */
  file(file: ParsedFile): FileFragment {
    const language = file.language ?? 'unknown';
    const unresolved: UnresolvedCounts = { imports: 0, calls: 0, callerlessCalls: 0, bases: 0 };
    const { value: rels, keys } = this.lookup.index.recorder.capture(() => this.references(file, unresolved));
    const fragment: Fragment = {
      owner: file.relativePath,
      isDirectory: false,
      nodes: [{ label: 'FileNode', row: fileNodeRow(this.ctx, file.relativePath, path.posix.basename(file.relativePath), file) }],
      rels: [],
    };
    const symbols = symbolRows(this.ctx, file, symbolNodeIds(file));
    for (const row of symbols.nodes) fragment.nodes.push({ label: 'SymbolNode', row });
    for (const row of symbols.hasSymbol) fragment.rels.push({ type: 'HAS_SYMBOL', row });
    for (const row of symbols.contains) fragment.rels.push({ type: 'CONTAINS_SYMBOL', row });
    const text = textRows(this.ctx, file);
    for (const row of text.nodes) fragment.nodes.push({ label: 'TextNode', row });
    for (const row of text.hasText) fragment.rels.push({ type: 'HAS_TEXT', row });
    for (const row of text.next) fragment.rels.push({ type: 'NEXT_CHUNK', row });
    fragment.rels.push(...rels);
    const indexed = this.lookup.index.files.get(file.relativePath);
    const summaryHash = exportedSummaryHash(indexed ?? indexedFileOf(file));
    return { fragment, file, summaryHash, keys, language, unresolved: file.kind === 'code' ? unresolved : null };
  }

  // Duplicate references between the same two nodes collapse into one relationship (the writer keys them on
  // type and ends), keeping the first line and counting the sites.
  private references(file: ParsedFile, unresolved: UnresolvedCounts): { type: RelType; row: RelRow }[] {
    if (file.kind !== 'code') return [];
    const bindings = this.lookup.bindingsOf(file.relativePath);
    const refs = resolveFileReferences(this.lookup, file);
    unresolved.imports += bindings.unresolved;
    unresolved.calls += refs.unresolvedCalls;
    unresolved.callerlessCalls += refs.callerlessCalls;
    unresolved.bases += refs.unresolvedBases;
    const fileId = fileNodeId(file.relativePath);
    const merged = new Map<string, { type: RelType; row: RelRow }>();
    const add = (type: RelType, source: string, target: string, resolution: string, line: number): void => {
      const key = `${type}\n${source}\n${target}`;
      const existing = merged.get(key);
      if (existing != null) existing.row.props.count = Number(existing.row.props.count) + 1;
      else merged.set(key, { type, row: { source, target, props: { resolution, line, count: 1 } } });
    };
    for (const { target, line } of bindings.imports) {
      if (target.nodePath !== file.relativePath) {
        add('IMPORTS', fileId, fileNodeId(target.nodePath), target.resolution, line);
      }
    }
    for (const edge of refs.edges) add(edge.type, edge.source, edge.target, edge.resolution, edge.line);
    return [...merged.values()];
  }
}
