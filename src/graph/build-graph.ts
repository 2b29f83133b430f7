import { createReadStream } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { ParsedFile } from '../parsers/parsed-file.js';
import type { ParseRecord } from '../parsers/parse-record.js';
import { fileNodeId } from './graph-ids.js';
import { GRAPH_META_FILE, type GraphMeta } from './graph-meta.js';
import { NODE_LABELS, REL_TYPES, nodeFileName, relFileName, type NodeLabel, type NodeRow, type RelRow, type RelType } from './graph-model.js';
import { fileNodeRow, symbolRows, textRows, type RowContext } from './file-node-rows.js';
import { NdjsonSink } from './ndjson-sink.js';
import { readRepoLayout } from './read-repo-layout.js';
import { RepoIndex, parentDir, symbolNodeIds } from './repo-index.js';
import { resolveFileReferences } from './resolve-file-references.js';
import { SymbolLookup } from './symbol-lookup.js';

/** Input of {@link buildGraph}. */
export interface BuildGraphInput {
  /** The parser's output: one ParseRecord per line. */
  parsedPath: string;
  /** The checkout the records describe; tsconfig.json, package.json and go.mod are read from it. Null: none. */
  repoRoot: string | null;
  /** Where `nodes-<Label>.ndjson` and `rels-<TYPE>.ndjson` are written (existing ones are replaced). */
  outDir: string;
  repoId: string;
  githubRepoId: number | null;
  commitSha: string | null;
}

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

async function* readRecords(parsedPath: string): AsyncGenerator<ParseRecord> {
  const lines = createInterface({ input: createReadStream(parsedPath, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim() !== '') yield JSON.parse(line) as ParseRecord;
}

function normalDir(relativePath: string): string {
  return relativePath === '' || relativePath === './' ? '.' : relativePath;
}

async function indexRecords(parsedPath: string, repoId: string): Promise<RepoIndex> {
  const index = new RepoIndex();
  for await (const record of readRecords(parsedPath)) {
    if (record.type === 'directory') index.addDir(normalDir(record.relativePath));
    else if (record.kind !== 'skipped') index.addFile(repoId, record);
  }
  return index;
}

class GraphEmitter {
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
    await this.rel('HAS_FILE', { source: fileNodeId(this.ctx.repoId, parent), target: fileNodeId(this.ctx.repoId, relativePath), props: {} });
  }

  async file(file: ParsedFile): Promise<void> {
    this.summary.files++;
    await this.node('FileNode', fileNodeRow(this.ctx, file.relativePath, path.posix.basename(file.relativePath), file));
    await this.hasFile(file.relativePath);
    const symbols = symbolRows(this.ctx, file, symbolNodeIds(this.ctx.repoId, file));
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
    const fileId = fileNodeId(this.ctx.repoId, file.relativePath);
    const merged = new Map<string, { type: RelType; row: RelRow }>();
    const add = (type: RelType, source: string, target: string, resolution: string, line: number): void => {
      const key = `${type}\n${source}\n${target}`;
      const existing = merged.get(key);
      if (existing != null) existing.row.props.count = Number(existing.row.props.count) + 1;
      else merged.set(key, { type, row: { source, target, props: { resolution, line, count: 1 } } });
    };
    for (const { target, line } of bindings.imports) {
      const targetId = fileNodeId(this.ctx.repoId, target.nodePath);
      if (target.nodePath !== file.relativePath) add('IMPORTS', fileId, targetId, target.resolution, line);
    }
    for (const edge of refs.edges) add(edge.type, edge.source, edge.target, edge.resolution, edge.line);
    for (const { type, row } of merged.values()) await this.rel(type, row);
  }
}

/**
 * Builds the graph of one parse output in two streaming passes (pass 1: a compact index of files and symbols without
 * text; pass 2: rows, one record at a time) and writes it as NDJSON files ready for the writer's UNWIND batches.
 */
export async function buildGraph(input: BuildGraphInput): Promise<GraphSummary> {
  const index = await indexRecords(input.parsedPath, input.repoId);
  const lookup = new SymbolLookup(index, readRepoLayout(input.repoRoot, index));
  const sink = await NdjsonSink.create(input.outDir);
  for (const name of [...NODE_LABELS.map(nodeFileName), ...REL_TYPES.map(relFileName)]) {
    await rm(path.join(input.outDir, name), { force: true });
  }
  const ctx: RowContext = { repoId: input.repoId, commitSha: input.commitSha, githubRepoId: input.githubRepoId };
  const emitter = new GraphEmitter(sink, ctx, index, lookup);
  const rootName = input.repoRoot == null ? 'root' : path.basename(path.resolve(input.repoRoot)) || 'root';
  try {
    await emitter.directory('.', rootName);
    for await (const record of readRecords(input.parsedPath)) {
      if (record.type === 'directory') {
        const dir = normalDir(record.relativePath);
        if (dir !== '.') await emitter.directory(dir, rootName);
      } else if (record.kind !== 'skipped') await emitter.file(record);
    }
  } finally {
    await sink.close();
  }
  const meta: GraphMeta = { repoId: input.repoId, commitSha: input.commitSha, githubRepoId: input.githubRepoId, summary: emitter.summary };
  await writeFile(path.join(input.outDir, GRAPH_META_FILE), `${JSON.stringify(meta, null, 2)}\n`);
  return emitter.summary;
}
