import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDEXING_PROGRESS_QUERY, type IndexingProgress } from '../../../src/shared/repo-indexing.js';
import { commitFiles, createFixtureRepo } from '../workflow/fixture-repo.js';
import { readGraphSnapshot } from '../workflow/graph-snapshot.js';
import { startFaultEnv, waitFor, type FaultEnv } from './fault-env.js';
import { startPrivateService, type PrivateService } from './private-service.js';

/** 80 Python modules that call each other: a graph write of many small batches, so the restart lands inside it. */
function generatedModules(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let m = 0; m < 80; m++) {
    const fns = Array.from({ length: 6 }, (_, f) => `def f${m}_${f}(x):\n    return f${m}_${(f + 1) % 6}(x)\n`);
    files[`pkg/mod${m}.py`] = `from pkg.mod${(m + 1) % 80} import f${(m + 1) % 80}_0\n\n\n${fns.join('\n\n')}\n`;
  }
  return files;
}

describe('the Temporal server restarted during a run', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'rg-temporal-restart-'));
  const repoDir = path.join(root, 'repo');
  let temporal: PrivateService | undefined;
  let env: FaultEnv | undefined;

  beforeAll(async () => {
    createFixtureRepo(repoDir);
    commitFiles(repoDir, generatedModules(), 'many modules');
    temporal = await startPrivateService('temporal');
    env = await startFaultEnv('temporal', { repoDir, env: { ...temporal.env, NEO4J_BATCH_SIZE: '10' } });
  });

  afterAll(async () => {
    await temporal?.start().catch(() => undefined);
    await env?.close();
    await temporal?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('resumes the run, which completes with the whole graph', async () => {
    const handle = await env!.start();
    await waitFor(
      'the graph write to begin',
      async () => (await handle.query<IndexingProgress>(INDEXING_PROGRESS_QUERY)).step === 'persist_kg',
      120_000,
    );
    const stoppedAt = Date.now();
    await temporal!.stop();
    await temporal!.start();
    const downFor = Date.now() - stoppedAt;
    const result = await handle.result();
    console.log(
      `temporal down ${Math.round(downFor / 1000)} s; run completed ${Math.round((Date.now() - stoppedAt) / 1000)} s after the stop`,
    );
    expect(result.status).toBe('success');
    const snapshot = await readGraphSnapshot(env!.driver, env!.config.neo4j.database, env!.repository.repo_id);
    expect(snapshot.nodeIds.length).toBe(result.status === 'success' ? result.stats.nodes : -1);
    expect(snapshot.files).toContain('pkg/mod79.py');
    expect(readdirSync(env!.workDir)).toEqual([]);
  });
});
