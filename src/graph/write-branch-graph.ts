import type { Driver } from 'neo4j-driver';
import type { ParseRecord } from '../parsers/parse-record.js';
import { buildFragments } from './build-graph.js';
import { diffFragment, type StoredFragment } from './diff-fragments.js';
import type { RowContext } from './file-node-rows.js';
import type { Fragment } from './fragment.js';
import type { FileFragment } from './graph-emitter.js';
import { hasBranchGraph, readStoredFragments } from './read-stored-fragments.js';
import { GraphChangeWriter, type GraphChangeWriterOptions, type GraphWriteResult } from './write-graph-changes.js';

/** Input of {@link writeBranchGraph}. */
export interface WriteBranchGraphInput {
  /** Every parse record of the commit, in walk order; read twice. */
  records: () => AsyncIterable<ParseRecord>;
  /** The checkout the manifests are read from (null: none). */
  repoRoot: string | null;
  ctx: RowContext;
  /** Name of the root directory node. */
  rootName?: string;
  /** What the branch's graph holds, by owner; read from Neo4j when absent. */
  stored?: Map<string, StoredFragment>;
  /** Called with every file's fragment as it is written (the caller's per-file bookkeeping). */
  onFile?(file: FileFragment): void | Promise<void>;
}

/**
 * Brings a branch's whole graph to the commit the records describe: every fragment is built and compared with
 * what Neo4j holds, and only the difference is written (a branch without a graph is created without comparing).
 * Owners that are no longer in the commit are deleted. Returns what was written and deleted.
 */
export async function writeBranchGraph(
  driver: Driver,
  writerOptions: Omit<GraphChangeWriterOptions, 'repoId' | 'branch' | 'commitSha' | 'createOnly'>,
  input: WriteBranchGraphInput,
): Promise<GraphWriteResult> {
  const { ctx } = input;
  if (ctx.commitSha == null) throw new Error('a graph written to Neo4j is always at a commit');
  let stored = input.stored;
  if (stored == null) {
    const exists = await hasBranchGraph(driver, writerOptions.database, ctx.repoId, ctx.branch);
    stored = exists
      ? await readStoredFragments(driver, { database: writerOptions.database, repoId: ctx.repoId, branch: ctx.branch, owners: 'all' })
      : new Map<string, StoredFragment>();
  }
  const writer = new GraphChangeWriter(driver, {
    ...writerOptions,
    repoId: ctx.repoId,
    branch: ctx.branch,
    commitSha: ctx.commitSha,
    createOnly: stored.size === 0,
  });
  try {
    await writeFragments(writer, stored, input);
    return await writer.finish();
  } finally {
    await writer.close();
  }
}

/** Adds every fragment of the records to `writer`, compared with `stored` (which it empties), then the deletions. */
export async function writeFragments(
  writer: GraphChangeWriter,
  stored: Map<string, StoredFragment>,
  input: WriteBranchGraphInput,
): Promise<void> {
  const apply = async (owner: string, fragment: Fragment | null) => {
    await writer.add(diffFragment(owner, fragment, stored.get(owner)));
    stored.delete(owner);
  };
  for await (const emitted of buildFragments(input.records, input.repoRoot, input.ctx, input.rootName)) {
    if ('directory' in emitted) await apply(emitted.directory.owner, emitted.directory);
    else {
      await input.onFile?.(emitted.file);
      await apply(emitted.file.fragment.owner, emitted.file.fragment);
    }
  }
  for (const owner of [...stored.keys()]) await apply(owner, null);
}
