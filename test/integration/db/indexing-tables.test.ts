import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/db/migrate.js';
import { countIndexedFiles, upsertIndexedFiles } from '../../../src/db/repositories/indexed-files.repository.js';
import { insertSnapshot, latestSnapshotSha } from '../../../src/db/repositories/repo-snapshots.repository.js';
import {
  findRepositories,
  markRepositoryIndexed,
  upsertRepository,
} from '../../../src/db/repositories/repositories.repository.js';
import { appendRunEvent, listRunEvents } from '../../../src/db/repositories/workflow-run-events.repository.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

const REPO = '11111111-2222-4333-8444-555555555555';

describe('indexing tables (real PostgreSQL)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('migrates idempotently and creates the parity tables and fixed indexes', async () => {
    expect(await migrate(t.db as Kysely<unknown>)).toEqual([]);
    const tables = await sql<{
      tablename: string;
    }>`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`.execute(t.db);
    expect(tables.rows.map((r) => r.tablename)).toEqual(
      expect.arrayContaining([
        'users',
        'github_installations',
        'repositories',
        'repo_snapshots',
        'indexed_files',
        'symbols',
        'symbol_edges',
        'workflow_run_events',
      ]),
    );
    const indexes = await sql<{
      indexname: string;
      indexdef: string;
    }>`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'`.execute(t.db);
    const byName = new Map(indexes.rows.map((r) => [r.indexname, r.indexdef]));
    expect(byName.get('idx_repositories_github_repo_id')).toMatch(/UNIQUE.*WHERE \(github_repo_id IS NOT NULL\)/);
    expect(byName.get('idx_repo_snapshots_repo_created')).toMatch(/\(repository_id, created_at DESC\)/);
    expect(byName.get('idx_indexed_files_branch_path')).toMatch(/UNIQUE.*\(repository_id, branch, file_path\)/);
    expect(byName.get('idx_workflow_events_unique_sequence')).toMatch(/UNIQUE.*\(workflow_id, sequence_number\)/);
  });

  it('upserts a repository without an installation, and never lets an indexed branch rewrite its default', async () => {
    const repo = {
      id: REPO,
      installation_id: 999,
      github_repo_id: null,
      github_repo_name: 'local',
      default_branch: null,
      fallback_branch: 'main',
      source_url: 'file:///x',
    };
    await upsertRepository(t.db, repo);
    await upsertRepository(t.db, { ...repo, fallback_branch: 'feature' });
    expect((await findRepositories(t.db, REPO))[0]).toMatchObject({ default_branch: 'main' });
    await upsertRepository(t.db, { ...repo, default_branch: 'dev' });
    const [row] = await findRepositories(t.db, REPO);
    expect(row).toMatchObject({ id: REPO, installation_id: null, default_branch: 'dev', last_indexed_at: null });
    await markRepositoryIndexed(t.db, REPO);
    expect((await findRepositories(t.db, 'file:///x'))[0]?.last_indexed_at).toBeInstanceOf(Date);
  });

  it('rejects a second repository with the same GitHub id', async () => {
    const base = {
      installation_id: null,
      github_repo_id: 77,
      github_repo_name: 'o/r',
      default_branch: 'main',
      fallback_branch: 'main',
      source_url: null,
    };
    await upsertRepository(t.db, { ...base, id: '21111111-2222-4333-8444-555555555555' });
    await expect(upsertRepository(t.db, { ...base, id: '31111111-2222-4333-8444-555555555555' })).rejects.toMatchObject(
      { code: '23505' },
    );
  });

  it('keeps snapshot history per branch, ignores SHA-less snapshots in the precheck, and is idempotent per run', async () => {
    const main = { repository_id: REPO, branch: 'main' };
    const first = await insertSnapshot(t.db, { ...main, commit_sha: 'sha-1', workflow_run_id: 'run-1' });
    const again = await insertSnapshot(t.db, { ...main, commit_sha: 'sha-1', workflow_run_id: 'run-1', file_count: 5 });
    expect(again).toBe(first);
    await sql`SELECT pg_sleep(0.01)`.execute(t.db);
    await insertSnapshot(t.db, { ...main, commit_sha: null, workflow_run_id: 'run-2' });
    await insertSnapshot(t.db, { repository_id: REPO, branch: 'dev', commit_sha: 'sha-dev', workflow_run_id: 'run-3' });
    expect(await latestSnapshotSha(t.db, REPO, 'main')).toBe('sha-1');
    expect(await latestSnapshotSha(t.db, REPO, 'dev')).toBe('sha-dev');
    const files = Array.from({ length: 1200 }, (_, i) => ({
      repository_id: REPO,
      branch: 'main',
      snapshot_id: first,
      file_path: `f${i}.py`,
      language: 'python',
      content_hash: 'h',
      size_bytes: i,
      symbol_count: 1,
      parse_status: 'parsed' as const,
      error: null,
    }));
    await upsertIndexedFiles(t.db, files.slice(0, 600));
    await upsertIndexedFiles(t.db, files.slice(500));
    expect(await countIndexedFiles(t.db, REPO, 'main')).toBe(1200);
    expect(await countIndexedFiles(t.db, REPO, 'dev')).toBe(0);
    await expect(upsertIndexedFiles(t.db, [{ ...files[0]!, parse_status: 'weird' as 'parsed' }])).rejects.toMatchObject(
      { code: '23514' },
    );
  });

  it('numbers concurrent events 1..n without gaps or duplicates, and enforces the CHECKs', async () => {
    const base = {
      workflow_id: 'wf-1',
      workflow_run_id: 'run-1',
      workflow_type: 'repo_indexing' as const,
      user_id: null,
      installation_id: null,
      repo_id: REPO,
      activity_name: 'x',
      event_type: 'progress' as const,
      message: 'm',
      metadata: { n: 1 },
    };
    const numbers = await Promise.all(Array.from({ length: 20 }, () => appendRunEvent(t.db, base)));
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const events = await listRunEvents(t.db, 'run-1');
    expect(events[0]).toMatchObject({ sequence_number: 1, metadata: { n: 1 } });
    await expect(appendRunEvent(t.db, { ...base, event_type: 'bogus' as 'progress' })).rejects.toMatchObject({
      code: '23514',
    });
  });
});
