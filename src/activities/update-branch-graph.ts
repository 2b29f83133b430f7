import { writeFile } from 'node:fs/promises';
import { findDependentFiles, listBranchFileState } from '../db/repositories/indexed-files.repository.js';
import { listIndexedDirs } from '../db/repositories/indexed-dirs.repository.js';
import { findRepositoryBranch, markGraphWriting } from '../db/repositories/repository-branches.repository.js';
import type { BranchState } from '../engine/branch-update.js';
import { writeChanges } from '../engine/fragment-sinks.js';
import { updateBranch } from '../engine/update-branch.js';
import { rootNameOf } from '../graph/graph-emitter.js';
import { codeVersion } from '../identity/code-version.js';
import { readRepoLayout } from '../resolution/read-repo-layout.js';
import type { PersistGraphInput, PersistGraphResult } from '../shared/indexing-steps.js';
import type { ActivityDeps, GraphUnit } from './activity-deps.js';
import { StateRows, type BranchStateChanges } from './branch-state.js';
import { readCommit } from './read-commit.js';
import { RecordSource } from './record-source.js';
import { runFile } from './run-files.js';

/** The branch as the last run left it: its row, its files' rows, its directories, whether Neo4j has its graph. */
async function readBranchState(deps: ActivityDeps, unit: GraphUnit): Promise<BranchState> {
  const [files, dirs, branch, hasGraph] = await Promise.all([
    listBranchFileState(deps.db, unit.repoId, unit.branch),
    listIndexedDirs(deps.db, unit.repoId, unit.branch),
    findRepositoryBranch(deps.db, unit.repoId, unit.branch),
    deps.graph.hasBranchGraph(unit),
  ]);
  return { branch: branch ?? null, files: new Map(files.map((f) => [f.file_path, f])), dirs: new Set(dirs), hasGraph };
}

/**
 * The knowledge-graph step's work: reads the branch's state, marks its graph as being written, and runs the
 * branch-update engine over the work dir's records, the stored graph and the reverse index, writing the
 * difference it finds through a graph writer and the changed rows to the work dir for the metadata step.
 */
export async function updateBranchGraph(
  deps: ActivityDeps,
  input: PersistGraphInput,
  onProgress: (done: number) => void,
): Promise<PersistGraphResult> {
  const unit: GraphUnit = { repoId: input.repo_id, branch: input.branch };
  const commit = await readCommit(input.work_dir);
  const previous = await readBranchState(deps, unit);
  const graphVersion = codeVersion('graph');
  await markGraphWriting(deps.db, input.repo_id, input.branch, input.commit_sha);
  const records = new RecordSource(deps, input.work_dir, commit);
  const writer = deps.graph.createWriter({
    ...unit,
    commitSha: input.commit_sha,
    runId: input.event_context.workflow_run_id,
    batchSize: deps.config.neo4j.batchSize,
    concurrency: 2,
    createOnly: !previous.hasGraph,
    spillDir: input.work_dir,
    onProgress,
  });
  const rows = await StateRows.create(input.work_dir);
  try {
    const update = await updateBranch({
      ctx: { ...unit, commitSha: input.commit_sha, githubRepoId: input.github_repo_id },
      rootName: rootNameOf(input.repo_name),
      commit,
      previous,
      full: input.full,
      graphVersion,
      ports: {
        records: {
          read: (paths) => records.read(paths),
          inWalkOrder: () => records.inWalkOrder(runFile(input.work_dir, 'allRecords')),
        },
        stored: (owners) => deps.graph.readStored(unit, owners),
        dependents: (keys) => findDependentFiles(deps.db, input.repo_id, input.branch, keys),
        layout: (index) => readRepoLayout(runFile(input.work_dir, 'checkout'), index),
      },
      sink: { fragment: writeChanges((changes) => writer.add(changes)), row: (row) => rows.write(row) },
    });
    await rows.close();
    const written = await writer.finish();
    const state: BranchStateChanges = {
      mode: update.mode,
      commitSha: input.commit_sha,
      graphVersion,
      layoutHash: update.layoutHash,
      upserts: update.rows,
      deletes: update.deletes,
      replaceAll: update.replaceAll,
      addedDirs: update.addedDirs,
      removedDirs: update.removedDirs,
      nodes: update.nodes,
      relationships: update.relationships,
    };
    await writeFile(runFile(input.work_dir, 'state'), JSON.stringify(state));
    return {
      mode: update.mode,
      full_reason: update.fullReason,
      nodes: update.nodes,
      relationships: update.relationships,
      imports_edges: update.importsEdges,
      calls_edges: update.callsEdges,
      files_resolved: update.filesResolved,
      files_removed: update.filesRemoved,
      elements_written: written.written,
      elements_deleted: written.deleted,
    };
  } finally {
    await writer.close();
    await rows.close();
  }
}
