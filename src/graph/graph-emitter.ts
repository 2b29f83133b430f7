import path from 'node:path';
import type { ParsedFile } from '../parsers/parsed-file.js';
import { fileNodeRow, symbolRows, textRows, type RowContext } from './file-node-rows.js';
import { fileNodeId } from '../identity/graph-ids.js';
import {
  NODE_LABELS,
  REL_TYPES,
  nodeFileName,
  relFileName,
  type NodeLabel,
  type NodeRow,
  type RelRow,
  type RelType,
} from './graph-model.js';
import type { NdjsonSink } from './ndjson-sink.js';
import { parentDir, symbolNodeIds, type RepoIndex } from '../resolution/repo-index.js';
import { resolveFileReferences } from '../resolution/resolve-file-references.js';
import type { SymbolLookup } from '../resolution/symbol-lookup.js';

/** Unresolved references of one language. */
export interface UnresolvedCounts {
  imports: number;
  calls: number;
  /** Module-level calls: they have no caller symbol and are not attached to anything. */
  callerlessCalls: number;
  bases: number;
}

/** What {@link buildGraph} wrote. */
export interface GraphSummary {
  nodes: Record<NodeLabel, number>;
  relationships: Record<RelType, number>;
  /** `"<TYPE>:<resolution>"` → relationship count, for CALLS, IMPORTS, INHERITS and IMPLEMENTS. */
  resolutions: Record<string, number>;
  unresolved: Record<string, UnresolvedCounts>;
  directories: number;
  files: number;
}

/** Pass 2 of the builder: turns directories and parsed files into rows and keeps the summary. */
export class GraphEmitter {
  readonly summary: GraphSummary = {
    nodes: Object.fromEntries(NODE_LABELS.map((l) => [l, 0])) as Record<NodeLabel, number>,
    relationships: Object.fromEntries(REL_TYPES.map((t) => [t, 0])) as Record<RelType, number>,
    resolutions: {},
    unresolved: {},
    directories: 0,
    files: 0,
  };

  constructor(
    readonly sink: NdjsonSink,
    readonly ctx: RowContext,
    readonly index: RepoIndex,
    readonly lookup: SymbolLookup,
  ) {}

  async node(label: NodeLabel, row: NodeRow): Promise<void> {
    this.summary.nodes[label]++;
    await this.sink.write(nodeFileName(label), row);
  }

  async rel(type: RelType, row: RelRow): Promise<void> {
    this.summary.relationships[type]++;
    const resolution = row.props.resolution;
    if (typeof resolution === 'string') {
      const key = `${type}:${resolution}`;
      this.summary.resolutions[key] = (this.summary.resolutions[key] ?? 0) + 1;
    }
    await this.sink.write(relFileName(type), row);
  }

  async directory(relativePath: string, rootName: string): Promise<void> {
    const basename = relativePath === '.' ? rootName : path.posix.basename(relativePath);
    this.summary.directories++;
    await this.node('FileNode', fileNodeRow(this.ctx, relativePath, basename, null));
    await this.hasFile(relativePath);
  }

  async hasFile(relativePath: string): Promise<void> {
    const parent = parentDir(relativePath);
    if (relativePath === '.' || !this.index.dirs.has(parent)) return;
    await this.rel('HAS_FILE', {
      source: fileNodeId(parent),
      target: fileNodeId(relativePath),
      props: {},
    });
  }

  async file(file: ParsedFile): Promise<void> {
    this.summary.files++;
    await this.node('FileNode', fileNodeRow(this.ctx, file.relativePath, path.posix.basename(file.relativePath), file));
    await this.hasFile(file.relativePath);
    const symbols = symbolRows(this.ctx, file, symbolNodeIds(file));
    for (const row of symbols.nodes) await this.node('SymbolNode', row);
    for (const row of symbols.hasSymbol) await this.rel('HAS_SYMBOL', row);
    for (const row of symbols.contains) await this.rel('CONTAINS_SYMBOL', row);
    const text = textRows(this.ctx, file);
    for (const row of text.nodes) await this.node('TextNode', row);
    for (const row of text.hasText) await this.rel('HAS_TEXT', row);
    for (const row of text.next) await this.rel('NEXT_CHUNK', row);
    await this.references(file);
  }

  private unresolvedOf(language: string): UnresolvedCounts {
    let counts = this.summary.unresolved[language];
    if (counts == null) {
      counts = { imports: 0, calls: 0, callerlessCalls: 0, bases: 0 };
      this.summary.unresolved[language] = counts;
    }
    return counts;
  }

  // Duplicate references between the same two nodes collapse into one relationship (the writer MERGEs without
  // properties in the key), keeping the first line and counting the sites.
  private async references(file: ParsedFile): Promise<void> {
    if (file.kind !== 'code') return;
    const bindings = this.lookup.bindingsOf(file.relativePath);
    const refs = resolveFileReferences(this.lookup, file);
    const counts = this.unresolvedOf(file.language ?? 'unknown');
    counts.imports += bindings.unresolved;
    counts.calls += refs.unresolvedCalls;
    counts.callerlessCalls += refs.callerlessCalls;
    counts.bases += refs.unresolvedBases;
    const fileId = fileNodeId(file.relativePath);
    const merged = new Map<string, { type: RelType; row: RelRow }>();
    const add = (type: RelType, source: string, target: string, resolution: string, line: number): void => {
      const key = `${type}\n${source}\n${target}`;
      const existing = merged.get(key);
      if (existing != null) existing.row.props.count = Number(existing.row.props.count) + 1;
      else merged.set(key, { type, row: { source, target, props: { resolution, line, count: 1 } } });
    };
    for (const { target, line } of bindings.imports) {
      const targetId = fileNodeId(target.nodePath);
      if (target.nodePath !== file.relativePath) add('IMPORTS', fileId, targetId, target.resolution, line);
    }
    for (const edge of refs.edges) add(edge.type, edge.source, edge.target, edge.resolution, edge.line);
    for (const { type, row } of merged.values()) await this.rel(type, row);
  }
}
