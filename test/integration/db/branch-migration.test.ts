import type { Kysely} from 'kysely';
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as createIndexingTables from '../../../src/db/migrations/2026_11_22_01_00_00_create_indexing_tables.js';
import { migrate } from '../../../src/db/migrate.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

const REPO = '11111111-2222-4333-8444-555555555555';

// The database of the first release (only its own migration), filled as that release filled it, then brought to
// the latest schema: the data must be carried into the (repository, branch) unit.
describe('migration to the (repository, branch) unit (real PostgreSQL)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await sql`DROP SCHEMA public CASCADE; CREATE SCHEMA public;`.execute(t.db);
    const first = new Migrator({
      db: t.db as Kysely<unknown>,
      provider: { getMigrations: async () => ({ '2026_11_22_01_00_00_create_indexing_tables': createIndexingTables }) },
    });
    expect((await first.migrateToLatest()).error).toBeUndefined();
    await sql
      .raw(
        `
      INSERT INTO repositories (id, github_repo_name, full_name, default_branch) VALUES ('${REPO}', 'r', 'r', 'trunk');
      INSERT INTO repo_snapshots (id, repository_id, commit_sha, node_count, relationship_count, created_at)
        VALUES ('aaaaaaaa-0000-4000-8000-000000000001', '${REPO}', 'sha-old', 5, 4, now() - interval '2 days'),
               ('aaaaaaaa-0000-4000-8000-000000000002', '${REPO}', 'sha-new', 7, 6, now() - interval '1 day');
      INSERT INTO indexed_files (repository_id, snapshot_id, file_path, language, content_hash, size_bytes, parse_status)
        VALUES ('${REPO}', 'aaaaaaaa-0000-4000-8000-000000000001', 'a.py', 'python', 'h1', 1, 'parsed'),
               ('${REPO}', 'aaaaaaaa-0000-4000-8000-000000000001', 'gone.py', 'python', 'h2', 1, 'parsed'),
               ('${REPO}', 'aaaaaaaa-0000-4000-8000-000000000002', 'a.py', 'python', 'h3', 1, 'parsed'),
               ('${REPO}', 'aaaaaaaa-0000-4000-8000-000000000002', 'b.py', 'python', 'h4', 1, 'parsed');
      INSERT INTO workflow_run_events (workflow_id, workflow_run_id, workflow_type, repo_id, sequence_number, event_type, message)
        VALUES ('wf', 'run', 'repo_indexing', '${REPO}', 1, 'started', 'm');
    `,
      )
      .execute(t.db);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('keeps the newest snapshot files as the default branch, and its commit and counts as the branch row', async () => {
    const applied = await migrate(t.db as Kysely<unknown>);
    expect(applied).toContain('2026_12_02_01_00_00_index_by_branch');
    const files = await t.db
      .selectFrom('indexed_files')
      .select(['branch', 'file_path', 'content_hash'])
      .orderBy('file_path')
      .execute();
    expect(files).toEqual([
      { branch: 'trunk', file_path: 'a.py', content_hash: 'h3' },
      { branch: 'trunk', file_path: 'b.py', content_hash: 'h4' },
    ]);
    const snapshots = await t.db
      .selectFrom('repo_snapshots')
      .select(['branch', 'commit_sha'])
      .orderBy('commit_sha')
      .execute();
    expect(snapshots).toEqual([
      { branch: 'trunk', commit_sha: 'sha-new' },
      { branch: 'trunk', commit_sha: 'sha-old' },
    ]);
    const branches = await t.db.selectFrom('repository_branches').selectAll().execute();
    expect(branches).toEqual([
      expect.objectContaining({ repository_id: REPO, branch: 'trunk', indexed_commit_sha: 'sha-new', node_count: 7 }),
    ]);
    const events = await t.db.selectFrom('workflow_run_events').select('branch').execute();
    expect(events).toEqual([{ branch: 'trunk' }]);
    expect(await migrate(t.db as Kysely<unknown>)).toEqual([]);
  });
});
