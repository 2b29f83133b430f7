import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { GitHubInstallationsTable } from './tables/github-installations.table.js';
import type { IndexedDirsTable } from './tables/indexed-dirs.table.js';
import type { IndexedFilesTable } from './tables/indexed-files.table.js';
import type { ParseCacheTable } from './tables/parse-cache.table.js';
import type { RepoSnapshotsTable } from './tables/repo-snapshots.table.js';
import type { RepositoriesTable } from './tables/repositories.table.js';
import type { RepositoryBranchesTable } from './tables/repository-branches.table.js';
import type { TriggerOutboxTable } from './tables/trigger-outbox.table.js';
import type { WorkflowRunEventsTable } from './tables/workflow-run-events.table.js';

/** The tables repograph's code reads and writes (the migrations create a few more that the original had). */
export interface Database {
  github_installations: GitHubInstallationsTable;
  repositories: RepositoriesTable;
  repository_branches: RepositoryBranchesTable;
  repo_snapshots: RepoSnapshotsTable;
  indexed_files: IndexedFilesTable;
  indexed_dirs: IndexedDirsTable;
  parse_cache: ParseCacheTable;
  workflow_run_events: WorkflowRunEventsTable;
  trigger_outbox: TriggerOutboxTable;
}

const INT8_OID = 20;
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Creates the worker-scoped Kysely handle over a pg pool. BIGINT columns come back as numbers: every BIGINT here
 * is a GitHub id or a byte count, far below 2^53.
 */
export function createDatabase(url: string, maxConnections = 5): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: maxConnections,
    // A server that accepts connections but never answers must fail a query, not hang it.
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
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
  // The same for a client in use: its query fails with the error, and the process must not.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
