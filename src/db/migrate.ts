import { Migrator, type Kysely, type Migration, type MigrationResult } from 'kysely';
import * as createIndexingTables from './migrations/2026_11_22_01_00_00_create_indexing_tables.js';
import * as indexByBranch from './migrations/2026_12_02_01_00_00_index_by_branch.js';
import * as createTriggerOutbox from './migrations/2026_12_02_02_00_00_create_trigger_outbox.js';
import * as incrementalState from './migrations/2026_12_02_03_00_00_incremental_state.js';

/** Every migration, by name; names sort in the order they must run. */
const MIGRATIONS: Record<string, Migration> = {
  '2026_11_22_01_00_00_create_indexing_tables': createIndexingTables,
  '2026_12_02_01_00_00_index_by_branch': indexByBranch,
  '2026_12_02_02_00_00_create_trigger_outbox': createTriggerOutbox,
  '2026_12_02_03_00_00_incremental_state': incrementalState,
};

/** Thrown when a migration fails; `results` says which ran. */
export class MigrationError extends Error {
  override name = 'MigrationError';
  constructor(
    message: string,
    readonly results: MigrationResult[],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Brings the schema to the latest migration; idempotent and safe to call from several processes at once
 * (Kysely's Migrator takes an advisory lock). Returns the names of the migrations it applied.
 */
export async function migrate(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error != null) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(
      `Migration ${failed} failed: ${String(error)}. To fix this problem, check DATABASE_URL and the database's state`,
      results,
      { cause: error },
    );
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
