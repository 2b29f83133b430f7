import { readFile } from 'node:fs/promises';
import { heartbeat } from '@temporalio/activity';
import type { Kysely, Transaction } from 'kysely';
import { classifyPostgresError } from '../db/classify-postgres-error.js';
import type { Database } from '../db/database.js';
import { applyIndexedDirChanges } from '../db/repositories/indexed-dirs.repository.js';
import {
  countIndexedFiles,
  deleteIndexedFiles,
  upsertIndexedFiles,
} from '../db/repositories/indexed-files.repository.js';
import { insertSnapshot } from '../db/repositories/repo-snapshots.repository.js';
import { markRepositoryIndexed } from '../db/repositories/repositories.repository.js';
import { recordBranchIndexed } from '../db/repositories/repository-branches.repository.js';
import type { PersistMetadataInput, PersistMetadataResult } from '../shared/indexing-steps.js';
import type { ActivityDeps } from './activity-deps.js';
import type { NewIndexedFileRow } from '../db/tables/indexed-files.table.js';
import { readStateRows, type BranchStateChanges } from './branch-state.js';
import { heartbeatWhile } from './heartbeat-while.js';
import { runFile } from './run-files.js';
import { runStep } from './run-step.js';

/** Rows per multi-row INSERT of `indexed_files` (about 20 columns each: far below Postgres' 65 535 parameters). */
export const INDEXED_FILES_BATCH = 500;

async function applyFiles(
  trx: Transaction<Database>,
  input: PersistMetadataInput,
  state: BranchStateChanges,
  snapshotId: string,
): Promise<number> {
  const keys = { repository_id: input.repo_id, branch: input.branch, snapshot_id: snapshotId };
  let batch: NewIndexedFileRow[] = [];
  let upserted = 0;
  const flush = async () => {
    await upsertIndexedFiles(trx, batch);
    upserted += batch.length;
    batch = [];
    heartbeat({ files: upserted });
  };
  for await (const row of readStateRows(input.work_dir)) {
    batch.push({ ...row, ...keys });
    if (batch.length >= INDEXED_FILES_BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  let deleted = 0;
  if (state.replaceAll) {
    // Every current file was just written under this snapshot; any other row is a file that is gone.
    const result = await trx
      .deleteFrom('indexed_files')
      .where('repository_id', '=', input.repo_id)
      .where('branch', '=', input.branch)
      .where('snapshot_id', '<>', snapshotId)
      .executeTakeFirst();
    deleted = Number(result.numDeletedRows);
  } else {
    for (let i = 0; i < state.deletes.length; i += 1000) {
      deleted += await deleteIndexedFiles(trx, input.repo_id, input.branch, state.deletes.slice(i, i + 1000));
    }
  }
  return upserted + deleted;
}

/**
 * Writes a run's metadata in one transaction: its snapshot, the branch's `indexed_files` rows the run changed
 * (with the reverse index the next run reads), its directories, its `repository_branches` row (commit, counts,
 * versions; the graph write is over) and `last_indexed_at`.
 */
export async function persistRunMetadata(
  db: Kysely<Database>,
  input: PersistMetadataInput,
): Promise<PersistMetadataResult> {
  const state = JSON.parse(await readFile(runFile(input.work_dir, 'state'), 'utf8')) as BranchStateChanges;
  return db.transaction().execute(async (trx) => {
    const snapshotId = await insertSnapshot(trx, {
      repository_id: input.repo_id,
      branch: input.branch,
      commit_sha: input.commit_sha,
      workflow_id: input.event_context.workflow_id,
      workflow_run_id: input.event_context.workflow_run_id,
      file_count: input.stats.total_files,
      symbol_count: input.stats.total_symbols,
      node_count: state.nodes,
      relationship_count: state.relationships,
    });
    const written = await applyFiles(trx, input, state, snapshotId);
    if (state.replaceAll) {
      await trx
        .deleteFrom('indexed_dirs')
        .where('repository_id', '=', input.repo_id)
        .where('branch', '=', input.branch)
        .execute();
    }
    await applyIndexedDirChanges(trx, input.repo_id, input.branch, state.addedDirs, state.replaceAll ? [] : state.removedDirs);
    await recordBranchIndexed(trx, {
      repoId: input.repo_id,
      branch: input.branch,
      commitSha: input.commit_sha,
      nodes: state.nodes,
      relationships: state.relationships,
      graphVersion: state.graphVersion,
      layoutHash: state.layoutHash,
    });
    await markRepositoryIndexed(trx, input.repo_id);
    const files = await countIndexedFiles(trx, input.repo_id, input.branch);
    return { status: 'success' as const, snapshot_id: snapshotId, indexed_files: files, files_written: written };
  });
}

/**
 * Metadata step (the original's step, with the writes it documented but never made): one `repo_snapshots` row
 * per run of a branch (idempotent per workflow run), and what the knowledge-graph step changed of the branch's
 * files, directories and state, in one transaction, heartbeating while it waits on the database. Reads the work
 * dir, so it runs on the worker-specific queue.
 */
export function createPersistMetadata(deps: ActivityDeps) {
  return async function persistMetadata(input: PersistMetadataInput): Promise<PersistMetadataResult> {
    return runStep(
      deps.db,
      input.event_context,
      {
        name: 'persistMetadata',
        startedMessage: 'saving metadata',
        completed: (r) => ({ snapshot_id: r.snapshot_id, indexed_files: r.indexed_files, files_written: r.files_written }),
        classify: classifyPostgresError,
      },
      () => heartbeatWhile(() => persistRunMetadata(deps.db, input)),
    );
  };
}
