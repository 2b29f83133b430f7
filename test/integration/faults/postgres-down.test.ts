import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureRepo } from '../workflow/fixture-repo.js';
import { activityAttempts, startFaultEnv, waitFor, type FaultEnv } from './fault-env.js';
import { startPrivateService, type PrivateService } from './private-service.js';

describe('PostgreSQL going down during persist_metadata', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'rg-pgdown-'));
  const repoDir = path.join(root, 'repo');
  let postgres: PrivateService | undefined;
  let env: FaultEnv | undefined;
  const clients: pg.Client[] = [];

  async function connect(url: string): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => undefined);
    clients.push(client);
    await client.connect();
    return client;
  }

  beforeAll(async () => {
    createFixtureRepo(repoDir);
    postgres = await startPrivateService('postgres');
    env = await startFaultEnv('pgdown', { repoDir, env: postgres.env });
  });

  afterAll(async () => {
    for (const client of clients) await client.end().catch(() => undefined);
    await postgres?.start().catch(() => undefined);
    await env?.close();
    await postgres?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('is retried, and the run completes once PostgreSQL is back', async () => {
    const url = postgres!.env.DATABASE_URL!;
    // Holding EXCLUSIVE on repo_snapshots lets every earlier step read it but parks the metadata step's insert,
    // so the server goes down while that step's transaction is open.
    const holder = await connect(url);
    // Statistics views keep one snapshot per transaction, so the lock waits are watched from another session.
    const watcher = await connect(url);
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE repo_snapshots IN EXCLUSIVE MODE');
    const handle = await env!.start();
    await waitFor(
      'the metadata step to wait on repo_snapshots',
      async () => {
        const res = await watcher.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%repo_snapshots%'",
        );
        return (res.rows[0] as { n: number }).n > 0;
      },
      120_000,
    );
    const downAt = Date.now();
    await postgres!.stop();
    await Promise.all([holder.end(), watcher.end()].map((p) => p.catch(() => undefined)));
    let lastFailure = '';
    await waitFor(
      'a retry of the metadata step to fail too while the server is down',
      async () => {
        const pending = (await handle.describe()).raw.pendingActivities ?? [];
        const step = pending.find((a) => a.activityType?.name === 'persistMetadata');
        lastFailure = step?.lastFailure?.message ?? '';
        return (step?.attempt ?? 1) >= 3;
      },
      60_000,
    );
    expect(lastFailure).toMatch(/ECONNREFUSED|connect/i);
    const downFor = Date.now() - downAt;
    await postgres!.start();
    const result = await handle.result();
    console.log(`postgres down ${Math.round(downFor / 1000)} s; run completed ${Math.round((Date.now() - downAt) / 1000)} s after the stop`);
    expect(result.status).toBe('success');

    const attempts = (await activityAttempts(handle)).filter((a) => a.type === 'persistMetadata');
    expect(attempts.at(-1)?.attempt).toBeGreaterThanOrEqual(2);
    const check = await connect(url);
    {
      const snapshots = await check.query('SELECT commit_sha FROM repo_snapshots WHERE repository_id = $1', [
        env!.repository.repo_id,
      ]);
      expect(snapshots.rows).toHaveLength(1);
      const files = await check.query('SELECT count(*)::int AS n FROM indexed_files WHERE repository_id = $1', [
        env!.repository.repo_id,
      ]);
      expect((files.rows[0] as { n: number }).n).toBe(result.status === 'success' ? result.stats.total_files : -1);
    }
    expect(readdirSync(env!.workDir)).toEqual([]);
  });
});
