import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ParseRecord } from '../parsers/parse-record.js';
import { readParseRecords } from '../parsers/read-parse-records.js';
import { parentDir } from '../parsers/repo-path.js';
import { readRepoLayout } from '../resolution/read-repo-layout.js';
import { RepoIndex } from '../resolution/repo-index.js';
import { SymbolLookup } from '../resolution/symbol-lookup.js';
import type { RowContext } from './file-node-rows.js';
import type { Fragment } from './fragment.js';
import { countFragment, emptyGraphSummary, GraphEmitter, type FileFragment, type GraphSummary } from './graph-emitter.js';
import { GRAPH_META_FILE, type GraphMeta } from './graph-meta.js';
import { NODE_LABELS, REL_TYPES, nodeFileName, relFileName } from './graph-model.js';
import { NdjsonSink } from './ndjson-sink.js';

export type { GraphSummary, UnresolvedCounts } from './graph-emitter.js';

/** Input of {@link buildGraph}. */
export interface BuildGraphInput {
  /** The parser's output: one ParseRecord per line. */
  parsedPath: string;
  /** The checkout the records describe; tsconfig.json, package.json and go.mod are read from it. Null: none. */
  repoRoot: string | null;
  /** Where `nodes-<Label>.ndjson` and `rels-<TYPE>.ndjson` are written (existing ones are replaced). */
  outDir: string;
  repoId: string;
  branch: string;
  githubRepoId: number | null;
  commitSha: string | null;
}

function normalDir(relativePath: string): string {
  return relativePath === '' || relativePath === './' ? '.' : relativePath;
}

/** What a full build emits, in walk order: a directory's fragment, or a file's with its resolution facts. */
export type EmittedFragment = { directory: Fragment } | { file: FileFragment };

/** The name of the root directory node: the checkout's directory name, as the original named it. */
export function rootNameOf(repoRoot: string | null): string {
  return repoRoot == null ? 'root' : path.basename(path.resolve(repoRoot)) || 'root';
}

/**
 * Every fragment of a branch's graph from its parse records, in two streaming passes over them: pass 1 builds
 * the symbol table (no text) and each directory's children, pass 2 emits one fragment per directory and file.
 */
export async function* buildFragments(
  records: () => AsyncIterable<ParseRecord>,
  repoRoot: string | null,
  ctx: RowContext,
  rootName = rootNameOf(repoRoot),
): AsyncGenerator<EmittedFragment> {
  const index = new RepoIndex();
  const children = new Map<string, string[]>();
  const addChild = (entry: string) => {
    if (entry === '.') return;
    const parent = parentDir(entry);
    const list = children.get(parent);
    if (list == null) children.set(parent, [entry]);
    else list.push(entry);
  };
  for await (const record of records()) {
    if (record.type === 'directory') {
      const dir = normalDir(record.relativePath);
      index.addDir(dir);
      addChild(dir);
    } else if (record.kind !== 'skipped') {
      index.addFile(record);
      addChild(record.relativePath);
    }
  }
  const emitter = new GraphEmitter(ctx, new SymbolLookup(index, readRepoLayout(repoRoot, index)));
  yield { directory: emitter.directory('.', rootName, children.get('.') ?? []) };
  for await (const record of records()) {
    if (record.type === 'directory') {
      const dir = normalDir(record.relativePath);
      if (dir !== '.') yield { directory: emitter.directory(dir, rootName, children.get(dir) ?? []) };
    } else if (record.kind !== 'skipped') yield { file: emitter.file(record) };
  }
}

/**
 * Builds the graph of one parse output and writes it as NDJSON files, one per label and relationship type (for
 * `repograph graph`, the golden tests and benchmarks), plus `graph-meta.json`.
 */
export async function buildGraph(input: BuildGraphInput): Promise<GraphSummary> {
  const sink = await NdjsonSink.create(input.outDir);
  for (const name of [...NODE_LABELS.map(nodeFileName), ...REL_TYPES.map(relFileName)]) {
    await rm(path.join(input.outDir, name), { force: true });
  }
  const ctx: RowContext = {
    repoId: input.repoId,
    branch: input.branch,
    commitSha: input.commitSha,
    githubRepoId: input.githubRepoId,
  };
  const summary = emptyGraphSummary();
  try {
    for await (const emitted of buildFragments(() => readParseRecords(input.parsedPath), input.repoRoot, ctx)) {
      const fragment = 'directory' in emitted ? emitted.directory : emitted.file.fragment;
      if ('file' in emitted && emitted.file.unresolved != null) {
        const counts = (summary.unresolved[emitted.file.language] ??= {
          imports: 0,
          calls: 0,
          callerlessCalls: 0,
          bases: 0,
        });
        for (const key of ['imports', 'calls', 'callerlessCalls', 'bases'] as const) {
          counts[key] += emitted.file.unresolved[key];
        }
      }
      countFragment(summary, fragment);
      for (const node of fragment.nodes) await sink.write(nodeFileName(node.label), node.row);
      for (const rel of fragment.rels) await sink.write(relFileName(rel.type), rel.row);
    }
  } finally {
    await sink.close();
  }
  const meta: GraphMeta = {
    repoId: input.repoId,
    branch: input.branch,
    commitSha: input.commitSha,
    githubRepoId: input.githubRepoId,
    summary,
  };
  await writeFile(path.join(input.outDir, GRAPH_META_FILE), `${JSON.stringify(meta, null, 2)}\n`);
  return summary;
}
