import { heartbeat } from '@temporalio/activity';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { classifyPostgresError } from '../db/classify-postgres-error.js';
import { countIndexedFiles, upsertIndexedFiles } from '../db/repositories/indexed-files.repository.js';
import { insertSnapshot } from '../db/repositories/repo-snapshots.repository.js';
import { markRepositoryIndexed } from '../db/repositories/repositories.repository.js';
import { recordBranchIndexed } from '../db/repositories/repository-branches.repository.js';
import type { NewIndexedFileRow } from '../db/tables/indexed-files.table.js';
import { parseStatusOf } from '../parsers/parse-status.js';
import { readParseRecords } from '../parsers/read-parse-records.js';
import type { PersistMetadataInput, PersistMetadataResult } from '../shared/indexing-steps.js';
import type { ActivityDeps } from './activity-deps.js';
import path from 'node:path';
import { PARSED_FILE } from './parse-repo.js';
import { runStep } from './run-step.js';

/** Rows per multi-row INSERT of `indexed_files` (a dozen columns each: far below Postgres' 65 535 parameters). */
export const INDEXED_FILES_BATCH = 500;

async function writeFiles(
  trx: Transaction<Database>,
  input: PersistMetadataInput,
  snapshotId: string,
): Promise<number> {
  let batch: NewIndexedFileRow[] = [];
  let count = 0;
  for await (const record of readParseRecords(path.join(input.work_dir, PARSED_FILE))) {
    if (record.type !== 'file') continue;
    batch.push({
      repository_id: input.repo_id,
      branch: input.branch,
      snapshot_id: snapshotId,
      file_path: record.relativePath,
      language: record.language ?? 'unknown',
      content_hash: record.contentHash,
      size_bytes: record.sizeBytes,
      symbol_count: record.symbols.length,
      parse_status: parseStatusOf(record),
      error: record.problems.error ?? record.problems.skipReason,
    });
    if (batch.length >= INDEXED_FILES_BATCH) {
      await upsertIndexedFiles(trx, batch);
      count += batch.length;
      batch = [];
      heartbeat({ files: count });
    }
  }
  await upsertIndexedFiles(trx, batch);
  // Every current file was just written under this snapshot; rows under older snapshots are files that are gone.
  await trx
    .deleteFrom('indexed_files')
    .where('repository_id', '=', input.repo_id)
    .where('branch', '=', input.branch)
    .where('snapshot_id', '<>', snapshotId)
    .execute();
  return count + batch.length;
}

/** Writes the snapshot, the branch's files and row, and `last_indexed_at` in one transaction. */
export async function persistRunMetadata(
  db: Kysely<Database>,
  input: PersistMetadataInput,
): Promise<PersistMetadataResult> {
  return db.transaction().execute(async (trx) => {
    const snapshotId = await insertSnapshot(trx, {
      repository_id: input.repo_id,
      branch: input.branch,
      commit_sha: input.commit_sha,
      workflow_id: input.event_context.workflow_id,
      workflow_run_id: input.event_context.workflow_run_id,
      file_count: input.stats.total_files,
      symbol_count: input.stats.total_symbols,
      node_count: input.stats.nodes,
      relationship_count: input.stats.relationships,
    });
    const written = await writeFiles(trx, input, snapshotId);
    await recordBranchIndexed(trx, {
      repoId: input.repo_id,
      branch: input.branch,
      commitSha: input.commit_sha,
      nodes: input.stats.nodes,
      relationships: input.stats.relationships,
    });
    await markRepositoryIndexed(trx, input.repo_id);
    const files = await countIndexedFiles(trx, input.repo_id, input.branch);
    return { status: 'success' as const, snapshot_id: snapshotId, indexed_files: files, files_written: written };
  });
}

/**
 * Metadata step (the original's step, with the writes it documented but never made): one `repo_snapshots` row
 * per run of a branch (idempotent per workflow run), the branch's `indexed_files` rows, its `repository_branches`
 * row and `last_indexed_at`, in one transaction. Reads the parse output, so it runs on the worker-specific queue.
 */
export function createPersistMetadata(deps: ActivityDeps) {
  return async function persistMetadata(input: PersistMetadataInput): Promise<PersistMetadataResult> {
    return runStep(
      deps.db,
      input.event_context,
      {
        name: 'persistMetadata',
        startedMessage: 'saving metadata',
        completed: (r) => ({ snapshot_id: r.snapshot_id, indexed_files: r.indexed_files }),
        classify: classifyPostgresError,
      },
      () => persistRunMetadata(deps.db, input),
    );
  };
}
