import { Kysely, Migrator, PostgresDialect, sql, type Generated, type Migration, type MigrationProvider } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig, uniqueSuffix } from '../../helpers/services.js';

interface SmokeDb {
  smoke_items: { id: Generated<number>; name: string; meta: string | Record<string, unknown> };
}

describe('PostgreSQL', () => {
  const schema = `smoke_${uniqueSuffix().replace(/-/g, '_')}`;
  let db: Kysely<SmokeDb>;

  beforeAll(async () => {
    db = new Kysely<SmokeDb>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: testConfig.postgres.url, max: 2 }) }),
    });
    await sql`create schema ${sql.id(schema)}`.execute(db);
  });
  afterAll(async () => {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db);
    await db.destroy();
  });

  it('runs a Kysely migration and round-trips a row', async () => {
    const migrations: Record<string, Migration> = {
      '0001_items': {
        async up(m: Kysely<unknown>) {
          await m.schema
            .createTable('smoke_items')
            .addColumn('id', 'serial', (c) => c.primaryKey())
            .addColumn('name', 'text', (c) => c.notNull().unique())
            .addColumn('meta', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
            .execute();
        },
      },
    };
    const provider: MigrationProvider = { getMigrations: async () => migrations };
    const scoped = db.withSchema(schema);
    const migrator = new Migrator({ db: scoped, provider, migrationTableSchema: schema });
    const first = await migrator.migrateToLatest();
    expect(first.error).toBeUndefined();
    expect(first.results?.map((r) => r.status)).toEqual(['Success']);
    const again = await migrator.migrateToLatest();
    expect(again.results).toEqual([]);

    await scoped
      .insertInto('smoke_items')
      .values({ name: 'graph', meta: JSON.stringify({ files: 3 }) })
      .execute();
    const row = await scoped.selectFrom('smoke_items').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'graph', meta: { files: 3 } });
    await expect(
      scoped.insertInto('smoke_items').values({ name: 'graph', meta: '{}' }).execute(),
    ).rejects.toMatchObject({
      code: '23505',
    });
  });
});
