import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { IndexedFilesTable } from './tables/indexed-files.table.js';
import type { RepoSnapshotsTable } from './tables/repo-snapshots.table.js';
import type { RepositoriesTable } from './tables/repositories.table.js';
import type { WorkflowRunEventsTable } from './tables/workflow-run-events.table.js';

/** The tables repograph's code reads and writes (the migrations create a few more for parity). */
export interface Database {
  repositories: RepositoriesTable;
  repo_snapshots: RepoSnapshotsTable;
  indexed_files: IndexedFilesTable;
  workflow_run_events: WorkflowRunEventsTable;
}

const INT8_OID = 20;

/**
 * Creates the worker-scoped Kysely handle over a pg pool. BIGINT columns come back as numbers: every BIGINT here
 * is a GitHub id or a byte count, far below 2^53.
 */
export function createDatabase(url: string, maxConnections = 5): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: maxConnections,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client's connection error (server restart, admin shutdown) would otherwise crash the process as an
  // unhandled 'error' event; the pool drops that client and the next query reports any lasting problem.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
