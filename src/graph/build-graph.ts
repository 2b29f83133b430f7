import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ParseRecord } from '../parsers/parse-record.js';
import { readParseRecords } from '../parsers/read-parse-records.js';
import { readRepoLayout } from '../resolution/read-repo-layout.js';
import { RepoIndex } from '../resolution/repo-index.js';
import { emitFragments } from './emit-fragments.js';
import type { RowContext } from './file-node-rows.js';
import { countFragment, emptyGraphSummary, rootNameOf, type GraphSummary } from './graph-emitter.js';
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
    const fragments = emitFragments({
      ctx,
      rootName: rootNameOf(input.repoRoot == null ? null : path.resolve(input.repoRoot)),
      index: new RepoIndex(),
      layoutOf: (index) => readRepoLayout(input.repoRoot, index),
      wanted: { every: () => readParseRecords(input.parsedPath) as AsyncIterable<ParseRecord> },
    });
    for await (const emitted of fragments) {
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
