import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildGraph, type GraphSummary } from '../../../src/graph/build-graph.js';
import {
  NODE_LABELS,
  REL_TYPES,
  nodeFileName,
  relFileName,
  type NodeRow,
  type RelRow,
} from '../../../src/graph/graph-model.js';
import { emptyParsedFile } from '../../../src/parsers/parse-file.js';
import type { ParsedFile, ParsedSymbol } from '../../../src/parsers/parsed-file.js';
import type { ParseRecord } from '../../../src/parsers/parse-record.js';

/** A symbol in fixture shorthand: `[kind, qualifiedName, startLine, endLine]`, parent derived from the dotted name. */
export type SymbolSpec = [ParsedSymbol['kind'], string, number, number];

/** A parsed file in fixture shorthand; omitted lists are empty. */
export interface FileSpec extends Partial<Omit<ParsedFile, 'symbols'>> {
  symbols?: SymbolSpec[];
}

function symbolsOf(specs: SymbolSpec[]): ParsedSymbol[] {
  return specs.map(([kind, qualifiedName, startLine, endLine], i) => {
    const owner = qualifiedName.includes('.') ? qualifiedName.slice(0, qualifiedName.lastIndexOf('.')) : null;
    const parent = owner == null ? -1 : specs.findIndex((s, j) => j < i && s[1] === owner);
    return {
      kind,
      name: qualifiedName.split('.').at(-1) ?? qualifiedName,
      qualifiedName,
      startLine,
      endLine,
      startColumn: 0,
      endColumn: 0,
      signature: `${kind} ${qualifiedName}`,
      docstring: null,
      fingerprint: `fp-${kind}`,
      parent: parent < 0 ? null : parent,
    };
  });
}

function languageOf(file: string): string | null {
  const ext = path.extname(file);
  const map: Record<string, string> = {
    '.py': 'python',
    '.ts': 'typescript',
    '.tsx': 'tsx',
    '.js': 'javascript',
    '.go': 'go',
    '.java': 'java',
    '.kt': 'kotlin',
    '.md': 'text',
  };
  return map[ext] ?? null;
}

/** Turns fixture files into parse records in walk order: each directory before its files. */
export function fixtureRecords(files: Record<string, FileSpec>): ParseRecord[] {
  const records: ParseRecord[] = [{ type: 'directory', relativePath: '.' }];
  const dirs = new Set<string>();
  for (const [relativePath, spec] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    const parts = relativePath.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (!dirs.has(dir)) records.push({ type: 'directory', relativePath: dir });
      dirs.add(dir);
    }
    const language = spec.language ?? languageOf(relativePath);
    records.push({
      type: 'file',
      ...emptyParsedFile(relativePath, 10, 'hash'),
      language,
      kind: spec.kind ?? (language === 'text' ? 'text' : 'code'),
      parseMillis: 1,
      ...spec,
      symbols: symbolsOf(spec.symbols ?? []),
    });
  }
  return records;
}

/** A built fixture graph with readable accessors. */
export interface BuiltFixture {
  summary: GraphSummary;
  nodes: Map<string, NodeRow[]>;
  rels: Map<string, RelRow[]>;
  /** `"path#qualifiedName"` or a FileNode's path, by node id. */
  nameOf: (nodeId: string) => string;
  /** Relationships of `type` as `"source -> target (resolution)"`, sorted. */
  edges: (type: string) => string[];
  dir: string;
}

async function readRows<T>(file: string): Promise<T[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
}

/** Writes records and manifests to a temp checkout, runs buildGraph, reads the rows back. */
export async function buildFixture(
  files: Record<string, FileSpec>,
  manifests: Record<string, string> = {},
  repoId = 'repo-1',
): Promise<BuiltFixture> {
  const dir = await mkdtemp(path.join(tmpdir(), 'graph-fixture-'));
  const root = path.join(dir, 'checkout');
  for (const [file, content] of Object.entries(manifests)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), content);
  }
  await mkdir(root, { recursive: true });
  const parsedPath = path.join(dir, 'parsed.ndjson');
  await writeFile(
    parsedPath,
    fixtureRecords(files)
      .map((r) => JSON.stringify(r))
      .join('\n') + '\n',
  );
  const outDir = path.join(dir, 'graph');
  const summary = await buildGraph({
    parsedPath,
    repoRoot: root,
    outDir,
    repoId,
    branch: 'main',
    githubRepoId: 42,
    commitSha: 'abc123',
  });
  const nodes = new Map<string, NodeRow[]>();
  const rels = new Map<string, RelRow[]>();
  for (const label of NODE_LABELS) nodes.set(label, await readRows<NodeRow>(path.join(outDir, nodeFileName(label))));
  for (const type of REL_TYPES) rels.set(type, await readRows<RelRow>(path.join(outDir, relFileName(type))));
  const names = new Map<string, string>();
  for (const row of nodes.get('FileNode') ?? []) names.set(row.node_id, String(row.props.relative_path));
  for (const row of nodes.get('SymbolNode') ?? [])
    names.set(row.node_id, `${row.props.relative_path}#${row.props.qualified_name}`);
  const nameOf = (id: string): string => names.get(id) ?? `?${id}`;
  const edges = (type: string): string[] =>
    (rels.get(type) ?? [])
      .map(
        (r) =>
          `${nameOf(r.source)} -> ${nameOf(r.target)}${r.props.resolution == null ? '' : ` (${r.props.resolution})`}`,
      )
      .sort();
  return { summary, nodes, rels, nameOf, edges, dir };
}

/** Removes a fixture's temp directory. */
export async function removeFixture(fixture: BuiltFixture): Promise<void> {
  await rm(fixture.dir, { recursive: true, force: true });
}

/** An import in fixture shorthand. */
export function imp(
  module: string,
  line: number,
  extra: Partial<ParsedFile['imports'][number]> = {},
): ParsedFile['imports'][number] {
  return {
    module,
    names: [],
    moduleAlias: null,
    defaultImport: null,
    isRelative: module.startsWith('.'),
    isWildcard: false,
    line,
    ...extra,
  };
}

/** A call in fixture shorthand. */
export function call(
  callee: string,
  line: number,
  receiver: string | null = null,
  isConstructor = false,
): ParsedFile['calls'][number] {
  return { callee, receiver, line, isConstructor };
}
