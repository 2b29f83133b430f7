import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { createDatabase, type Database } from '../../../src/db/database.js';
import { migrate } from '../../../src/db/migrate.js';
import { testConfig, uniqueSuffix } from '../../helpers/services.js';

/** A database of its own for one test file: created, migrated, dropped at the end. */
export interface TestDatabase {
  url: string;
  db: Kysely<Database>;
  drop(): Promise<void>;
}

function adminDb(): Kysely<unknown> {
  return new Kysely({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: testConfig.postgres.url, max: 1 }) }),
  });
}

/** Creates `repograph_test_<suffix>` next to the configured database and runs the real migrations in it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `repograph_test_${uniqueSuffix().replace(/-/g, '_')}`;
  const admin = adminDb();
  await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin);
  await admin.destroy();
  const url = new URL(testConfig.postgres.url);
  url.pathname = `/${name}`;
  const db = createDatabase(url.toString());
  await migrate(db as Kysely<unknown>);
  return {
    url: url.toString(),
    db,
    async drop() {
      await db.destroy();
      const a = adminDb();
      await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(a);
      await a.destroy();
    },
  };
}
