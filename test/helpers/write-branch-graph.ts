import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { parseCacheSummaryOf, type ParseCacheSummary } from '../../src/db/repositories/parse-cache.repository.js';
import { commitOf, type WalkLine } from '../../src/engine/commit-files.js';
import { writeChanges } from '../../src/engine/fragment-sinks.js';
import { updateBranch } from '../../src/engine/update-branch.js';
import type { RowContext } from '../../src/graph/file-node-rows.js';
import { rootNameOf } from '../../src/graph/graph-emitter.js';
import { hasBranchGraph, readStoredFragments } from '../../src/graph/read-stored-fragments.js';
import {
  GraphChangeWriter,
  type GraphChangeWriterOptions,
  type GraphWriteResult,
} from '../../src/graph/write-graph-changes.js';
import type { ParseRecord } from '../../src/parsers/parse-record.js';
import { recordFacts } from '../../src/parsers/record-facts.js';
import { readRepoLayout } from '../../src/resolution/read-repo-layout.js';

/** Input of {@link writeBranchGraph}. */
export interface WriteBranchGraphInput {
  /** Every parse record of the commit, in walk order (a parse output); read three times. */
  records: () => AsyncIterable<ParseRecord>;
  /** The checkout the manifests are read from (null: none). */
  repoRoot: string | null;
  ctx: RowContext;
}

/** The commit a parse output describes, as an engine run sees it (every file parsed now). */
async function commitOfRecords(records: AsyncIterable<ParseRecord>) {
  const walk: WalkLine[] = [];
  const parsed = new Map<string, ParseCacheSummary>();
  for await (const record of records) {
    const entry = { relativePath: record.relativePath, absolutePath: '', skipReason: null };
    if (record.type === 'directory') {
      walk.push({ ...entry, type: 'directory', relativePath: record.relativePath || '.', sizeBytes: 0 });
      continue;
    }
    walk.push({ ...entry, type: 'file', sizeBytes: record.sizeBytes, cacheKey: record.contentHash });
    parsed.set(record.relativePath, parseCacheSummaryOf(record.contentHash, recordFacts(record)));
  }
  return commitOf(walk, parsed);
}

/**
 * Brings one branch's graph in Neo4j to what a parse output describes, the way an indexing run in full mode does
 * (the branch-update engine, compared with what Neo4j holds, only the difference written), without the workflow
 * and its PostgreSQL state: for tests and benchmarks of the graph and its readers.
 */
export async function writeBranchGraph(
  driver: Driver,
  writerOptions: Omit<GraphChangeWriterOptions, 'repoId' | 'branch' | 'commitSha' | 'createOnly'>,
  input: WriteBranchGraphInput,
): Promise<GraphWriteResult> {
  const { ctx } = input;
  const { database } = writerOptions;
  if (ctx.commitSha == null) throw new Error('a graph written to Neo4j is always at a commit');
  const hasGraph = await hasBranchGraph(driver, database, ctx.repoId, ctx.branch);
  const commitSha = ctx.commitSha;
  const writer = new GraphChangeWriter(driver, {
    ...writerOptions,
    repoId: ctx.repoId,
    branch: ctx.branch,
    commitSha,
    createOnly: !hasGraph,
  });
  try {
    await updateBranch({
      ctx: { ...ctx, commitSha },
      rootName: rootNameOf(input.repoRoot == null ? null : path.resolve(input.repoRoot)),
      commit: await commitOfRecords(input.records()),
      previous: { branch: null, files: new Map(), dirs: new Set(), hasGraph },
      full: true,
      graphVersion: 'any',
      ports: {
        records: {
          read: () => Promise.reject(new Error('a full run reads its records in walk order')),
          inWalkOrder: () => Promise.resolve(input.records),
        },
        stored: (owners) => readStoredFragments(driver, { database, repoId: ctx.repoId, branch: ctx.branch, owners }),
        dependents: () => Promise.resolve([]),
        layout: (index) => readRepoLayout(input.repoRoot, index),
      },
      sink: { fragment: writeChanges((changes) => writer.add(changes)), row: () => Promise.resolve() },
    });
    return await writer.finish();
  } finally {
    await writer.close();
  }
}
