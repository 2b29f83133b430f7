import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readParseRecords } from '../parsers/read-parse-records.js';
import type { RowContext } from './file-node-rows.js';
import { GraphEmitter, type GraphSummary } from './graph-emitter.js';
import { GRAPH_META_FILE, type GraphMeta } from './graph-meta.js';
import { NODE_LABELS, REL_TYPES, nodeFileName, relFileName } from './graph-model.js';
import { NdjsonSink } from './ndjson-sink.js';
import { readRepoLayout } from '../resolution/read-repo-layout.js';
import { RepoIndex } from '../resolution/repo-index.js';
import { SymbolLookup } from '../resolution/symbol-lookup.js';

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

async function indexRecords(parsedPath: string): Promise<RepoIndex> {
  const index = new RepoIndex();
  for await (const record of readParseRecords(parsedPath)) {
    if (record.type === 'directory') index.addDir(normalDir(record.relativePath));
    else if (record.kind !== 'skipped') index.addFile(record);
  }
  return index;
}

/**
 * Builds the graph of one parse output in two streaming passes (pass 1: a compact index of files and symbols without
 * text; pass 2: rows, one record at a time) and writes it as NDJSON files ready for the writer's UNWIND batches.
 */
export async function buildGraph(input: BuildGraphInput): Promise<GraphSummary> {
  const index = await indexRecords(input.parsedPath);
  const lookup = new SymbolLookup(index, readRepoLayout(input.repoRoot, index));
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
  const emitter = new GraphEmitter(sink, ctx, index, lookup);
  const rootName = input.repoRoot == null ? 'root' : path.basename(path.resolve(input.repoRoot)) || 'root';
  try {
    await emitter.directory('.', rootName);
    for await (const record of readParseRecords(input.parsedPath)) {
      if (record.type === 'directory') {
        const dir = normalDir(record.relativePath);
        if (dir !== '.') await emitter.directory(dir, rootName);
      } else if (record.kind !== 'skipped') await emitter.file(record);
    }
  } finally {
    await sink.close();
  }
  const meta: GraphMeta = {
    repoId: input.repoId,
    branch: input.branch,
    commitSha: input.commitSha,
    githubRepoId: input.githubRepoId,
    summary: emitter.summary,
  };
  await writeFile(path.join(input.outDir, GRAPH_META_FILE), `${JSON.stringify(meta, null, 2)}\n`);
  return emitter.summary;
}
