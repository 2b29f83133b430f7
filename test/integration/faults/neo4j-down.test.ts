import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitFiles, createFixtureRepo } from '../workflow/fixture-repo.js';
import { readGraphSnapshot } from '../workflow/graph-snapshot.js';
import { activityAttempts, startFaultEnv, type FaultEnv } from './fault-env.js';
import { startPrivateService, type PrivateService } from './private-service.js';

describe('Neo4j down for longer than the retry budget', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'rg-neo4jdown-'));
  const repoDir = path.join(root, 'repo');
  let neo4j: PrivateService | undefined;
  let env: FaultEnv | undefined;

  beforeAll(async () => {
    createFixtureRepo(repoDir);
    neo4j = await startPrivateService('neo4j');
    env = await startFaultEnv('neo4jdown', { repoDir, env: neo4j.env });
  });

  afterAll(async () => {
    await neo4j?.start().catch(() => undefined);
    await env?.close();
    await neo4j?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('fails the run clearly, keeps the old graph, and the next run succeeds', async () => {
    const e = env!;
    const snapshot = () => readGraphSnapshot(e.driver, e.config.neo4j.database, e.repository.repo_id);
    const first = await (await e.start()).result();
    expect(first.status).toBe('success');
    const before = await snapshot();
    expect(before.files).toContain('app/service.py');

    commitFiles(repoDir, { 'app/billing.py': 'def charge(amount):\n    return amount * 2\n' }, 'billing');
    await neo4j!.stop();
    const failingAt = Date.now();
    const handle = await e.start();
    // Bounded: three attempts and their 10 s + 20 s backoff, not a minute of driver retries inside each attempt.
    const error = await Promise.race([
      handle.result().then(
        () => null,
        (err: unknown) => err,
      ),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('run did not fail within 100 s')), 100_000)),
    ]);
    const failedAfter = Date.now() - failingAt;
    expect(error).toBeInstanceOf(WorkflowFailedError);
    expect((error as WorkflowFailedError).cause?.message).toMatch(/^Step persist_kg failed: .*(connect|ECONNREFUSED)/i);
    const graphAttempts = (await activityAttempts(handle)).filter((a) => a.type === 'persistKnowledgeGraph');
    expect(graphAttempts).toEqual([{ type: 'persistKnowledgeGraph', attempt: 3 }]);
    expect(readdirSync(e.workDir)).toEqual([]);

    await neo4j!.start();
    expect(await snapshot()).toEqual(before);
    const next = await (await e.start()).result();
    console.log(`neo4j down: run failed after ${Math.round(failedAfter / 1000)} s (3 attempts); next run ${next.status}`);
    expect(next.status).toBe('success');
    const after = await snapshot();
    expect(after.files).toEqual([...before.files, 'app/billing.py'].sort());
  });
});
