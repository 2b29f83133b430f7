import { heartbeat } from '@temporalio/activity';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { classifyPostgresError } from '../db/classify-postgres-error.js';
import { upsertIndexedFiles } from '../db/repositories/indexed-files.repository.js';
import { insertSnapshot } from '../db/repositories/repo-snapshots.repository.js';
import { markRepositoryIndexed } from '../db/repositories/repositories.repository.js';
import type { NewIndexedFileRow } from '../db/tables/indexed-files.table.js';
import type { PersistMetadataInput, PersistMetadataResult } from '../shared/indexing-steps.js';
import type { ActivityDeps } from './activity-deps.js';
import { readParseRecords } from '../parsers/read-parse-records.js';
import { runStep } from './run-step.js';
import { parseStatusOf } from '../parsers/summarise-parse.js';

/** Rows per multi-row INSERT of `indexed_files` (9 columns each: far below Postgres' 65 535 parameters). */
export const INDEXED_FILES_BATCH = 500;

async function writeFiles(
  trx: Transaction<Database>,
  input: PersistMetadataInput,
  snapshotId: string,
): Promise<number> {
  let batch: NewIndexedFileRow[] = [];
  let count = 0;
  for await (const record of readParseRecords(input.parsed_path)) {
    if (record.type !== 'file') continue;
    batch.push({
      repository_id: input.repo_id,
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
  return count + batch.length;
}

/** Writes the snapshot, its files and `last_indexed_at` in one transaction; returns the snapshot id and file count. */
export async function persistRunMetadata(
  db: Kysely<Database>,
  input: PersistMetadataInput,
): Promise<PersistMetadataResult> {
  return db.transaction().execute(async (trx) => {
    const snapshotId = await insertSnapshot(trx, {
      repository_id: input.repo_id,
      commit_sha: input.commit_sha,
      workflow_id: input.event_context.workflow_id,
      workflow_run_id: input.event_context.workflow_run_id,
      file_count: input.stats.total_files,
      symbol_count: input.stats.total_symbols,
      node_count: input.stats.nodes,
      relationship_count: input.stats.relationships,
    });
    const files = await writeFiles(trx, input, snapshotId);
    await markRepositoryIndexed(trx, input.repo_id);
    return { status: 'success' as const, snapshot_id: snapshotId, indexed_files: files };
  });
}

/**
 * Metadata step (parity §2.5/§7.2, fixed): one `repo_snapshots` row per indexed commit (idempotent per workflow
 * run), one `indexed_files` row per file of the snapshot (C36), `last_indexed_at`. Reads `parsed.ndjson`, so it
 * runs on the worker-specific queue.
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
