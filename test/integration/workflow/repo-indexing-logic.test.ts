import { ApplicationFailure } from '@temporalio/common';
import { WorkflowFailedError } from '@temporalio/client';
import { CancelledFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activities } from '../../../src/activities/index.js';
import { ErrorType } from '../../../src/shared/errors.js';
import type { RepoIndexingInput } from '../../../src/shared/repo-indexing.js';
import { startRepoIndexing } from '../../../src/temporal/start-repo-indexing.js';
import { createWorker } from '../../../src/worker.js';
import { createWorkflowHarness, payloadSizes, type WorkflowHarness } from './workflow-harness.js';
import { input, STATS, stubs } from './stub-activities.js';

// Workflow logic only: the activities are stand-ins that record what the workflow asked for. The end-to-end
// suite (repo-indexing-e2e.test.ts) runs the real activities.

describe('RepoIndexingWorkflow logic (stub activities, real Temporal)', () => {
  let h: WorkflowHarness;
  beforeAll(async () => {
    h = await createWorkflowHarness('/work');
  });
  afterAll(async () => {
    await h?.close();
  });

  async function run(calls: string[], overrides: Partial<Activities>, repoInput: RepoIndexingInput) {
    const worker = await createWorker({
      config: h.config,
      connection: h.connection,
      taskQueue: h.taskQueue,
      activities: stubs(calls, overrides),
    });
    return worker.runUntil(
      (async () => {
        const started = await startRepoIndexing(h.client, repoInput, { taskQueue: h.taskQueue });
        return { started, result: await started.handle.result().catch((e: unknown) => e) };
      })(),
    );
  }

  it('runs the steps in the original order and cleans up; payloads stay small', async () => {
    const calls: string[] = [];
    const { started, result } = await run(calls, {}, input('abc'));
    expect(result).toMatchObject({ status: 'success', commit_sha: 'abc', stats: { total_symbols: 7, nodes: 10 } });
    expect(calls).toEqual([
      'event:workflow_started',
      'precheck:abc',
      'clone:abc',
      'parse',
      'persist_kg',
      'persist_metadata',
      'cleanup_stale',
      'cleanup:true',
      'event:workflow_completed',
    ]);
    const history = await started.handle.fetchHistory();
    expect(Math.max(...payloadSizes(history))).toBeLessThan(256 * 1024);
  });

  it('skips everything after the precheck when nothing changed', async () => {
    const calls: string[] = [];
    const skip: Partial<Activities> = {
      checkIndexingNeeded: async () => ({
        indexing_needed: false,
        current_sha: 'abc',
        latest_snapshot_sha: 'abc',
        reason: 'sha_unchanged',
      }),
    };
    const { result } = await run(calls, skip, input(null));
    expect(result).toMatchObject({ status: 'skipped', reason: 'sha_unchanged', current_sha: 'abc' });
    expect(calls).toEqual(['event:workflow_started', 'event:workflow_completed']);
  });

  it('fails fast on a permanent error, names the step, and still removes the work dir', async () => {
    const calls: string[] = [];
    const failing: Partial<Activities> = {
      parseRepo: async () => {
        calls.push('parse');
        throw ApplicationFailure.create({ type: ErrorType.InvalidInput, message: 'checkout is gone' });
      },
    };
    const { result } = await run(calls, failing, input('abc'));
    expect(result).toBeInstanceOf(WorkflowFailedError);
    expect((result as WorkflowFailedError).cause?.message).toBe('Step parse failed: checkout is gone');
    expect(calls.filter((c) => c === 'parse')).toHaveLength(1);
    expect(calls).toContain('cleanup:true');
    expect(calls.at(-1)).toBe('event:workflow_failed');
  });

  it('removes the work dir when the run is cancelled mid-step', async () => {
    const calls: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const hanging: Partial<Activities> = {
      parseRepo: async () => {
        calls.push('parse');
        await gate;
        return { parsed_path: '/work/parsed.ndjson', stats: STATS };
      },
    };
    const worker = await createWorker({
      config: h.config,
      connection: h.connection,
      taskQueue: h.taskQueue,
      activities: stubs(calls, hanging),
    });
    const result = await worker.runUntil(
      (async () => {
        const started = await startRepoIndexing(h.client, input('abc'), { taskQueue: h.taskQueue });
        for (let i = 0; i < 100 && !calls.includes('parse'); i++) await new Promise((r) => setTimeout(r, 100));
        await started.handle.cancel();
        const outcome = await started.handle.result().catch((e: unknown) => e);
        release();
        return outcome;
      })(),
    );
    expect(result).toBeInstanceOf(WorkflowFailedError);
    expect((result as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
    expect(calls).toContain('cleanup:true');
    expect(calls.at(-1)).toBe('event:workflow_failed');
  });

  it('keeps a commit requested during a run and indexes it next, without a duplicate run', async () => {
    const calls: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let parses = 0;
    const slow: Partial<Activities> = {
      parseRepo: async () => {
        calls.push('parse');
        if (parses++ === 0) await gate;
        return { parsed_path: '/work/parsed.ndjson', stats: STATS };
      },
    };
    const first = input('aaa');
    const worker = await createWorker({
      config: h.config,
      connection: h.connection,
      taskQueue: h.taskQueue,
      activities: stubs(calls, slow),
    });
    const result = await worker.runUntil(
      (async () => {
        const a = await startRepoIndexing(h.client, first, { taskQueue: h.taskQueue });
        for (let i = 0; i < 100 && !calls.includes('parse'); i++) await new Promise((r) => setTimeout(r, 100));
        const b = await startRepoIndexing(
          h.client,
          { ...first, repository: { ...first.repository, commit_sha: 'bbb' } },
          { taskQueue: h.taskQueue },
        );
        const c = await startRepoIndexing(
          h.client,
          { ...first, repository: { ...first.repository, commit_sha: 'ccc' } },
          { taskQueue: h.taskQueue },
        );
        expect(b.runId).toBe(a.runId);
        expect(c.runId).toBe(a.runId);
        release();
        return a.handle.result();
      })(),
    );
    expect(result).toMatchObject({ status: 'success', commit_sha: 'ccc' });
    expect(calls.filter((c) => c.startsWith('precheck:'))).toEqual(['precheck:aaa', 'precheck:ccc']);
  });
});
