import { ApplicationFailure } from '@temporalio/common';
import { WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activities } from '../../../src/activities/index.js';
import type { ParseStats } from '../../../src/shared/indexing-steps.js';
import { ErrorType } from '../../../src/shared/errors.js';
import type { RepoIndexingInput } from '../../../src/shared/repo-indexing.js';
import { startRepoIndexing } from '../../../src/temporal/start-repo-indexing.js';
import { createWorker } from '../../../src/worker.js';
import { uniqueSuffix } from '../../helpers/services.js';
import { createWorkflowHarness, payloadSizes, type WorkflowHarness } from './workflow-harness.js';

// Workflow logic only: the activities are stand-ins that record what the workflow asked for. The end-to-end
// suite (repo-indexing-e2e.test.ts) runs the real activities.

const STATS: ParseStats = {
  total_files: 3,
  indexed_files: 3,
  skipped_files: 0,
  failed_files: 0,
  total_directories: 1,
  total_symbols: 7,
  total_text_chunks: 0,
  large_files_chunked: 0,
};

function input(commit: string | null): RepoIndexingInput {
  const repoId = `00000000-0000-4000-8000-${Date.now().toString(16).padStart(12, '0').slice(-12)}`;
  return {
    installation_id: null,
    user_id: null,
    repository: { github_repo_name: 'fixture', github_repo_id: null, repo_id: repoId, repo_url: '/nowhere', commit_sha: commit, default_branch: `main-${uniqueSuffix()}` },
  };
}

function note<T>(calls: string[], name: string, value: T): T {
  calls.push(name);
  return value;
}

function stubs(calls: string[], overrides: Partial<Activities> = {}): Partial<Activities> {
  return {
    recordWorkflowEvent: async (e) => void calls.push(`event:${e.event_type}`),
    checkIndexingNeeded: async (i) => {
      calls.push(`precheck:${i.repository.commit_sha}`);
      return { indexing_needed: true, current_sha: i.repository.commit_sha ?? 'head', latest_snapshot_sha: null, reason: 'no_previous_snapshot' };
    },
    cloneRepo: async (i) => {
      calls.push(`clone:${i.commit_sha}`);
      return { work_dir: `/work/${i.run_key}`, local_path: `/work/${i.run_key}/checkout`, commit_sha: i.commit_sha ?? '' };
    },
    parseRepo: async () => note(calls, 'parse', { parsed_path: '/work/parsed.ndjson', stats: STATS } as const),
    persistKnowledgeGraph: async () => note(calls, 'persist_kg', { nodes: 10, relationships: 12, imports_edges: 1, calls_edges: 2, nodes_swept: 0 } as const),
    persistMetadata: async () => note(calls, 'persist_metadata', { status: 'success', snapshot_id: 's', indexed_files: 3 } as const),
    cleanupStaleGraphNodes: async () => note(calls, 'cleanup_stale', { nodes_deleted: 0 } as const),
    cleanupWorkDir: async (i) => note(calls, `cleanup:${i.work_dir.startsWith('/work/')}`, { status: 'cleaned' as const }),
    ...overrides,
  };
}

describe('RepoIndexingWorkflow logic (stub activities, real Temporal)', () => {
  let h: WorkflowHarness;
  beforeAll(async () => {
    h = await createWorkflowHarness('/work');
  });
  afterAll(async () => {
    await h?.close();
  });

  async function run(calls: string[], overrides: Partial<Activities>, repoInput: RepoIndexingInput) {
    const worker = await createWorker({ config: h.config, connection: h.connection, taskQueue: h.taskQueue, activities: stubs(calls, overrides) });
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
      'event:workflow_started', 'precheck:abc', 'clone:abc', 'parse', 'persist_kg', 'persist_metadata', 'cleanup_stale', 'cleanup:true', 'event:workflow_completed',
    ]);
    const history = await started.handle.fetchHistory();
    expect(Math.max(...payloadSizes(history))).toBeLessThan(256 * 1024);
  });

  it('skips everything after the precheck when nothing changed', async () => {
    const calls: string[] = [];
    const skip: Partial<Activities> = {
      checkIndexingNeeded: async () => ({ indexing_needed: false, current_sha: 'abc', latest_snapshot_sha: 'abc', reason: 'sha_unchanged' }),
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
    const worker = await createWorker({ config: h.config, connection: h.connection, taskQueue: h.taskQueue, activities: stubs(calls, slow) });
    const result = await worker.runUntil(
      (async () => {
        const a = await startRepoIndexing(h.client, first, { taskQueue: h.taskQueue });
        for (let i = 0; i < 100 && !calls.includes('parse'); i++) await new Promise((r) => setTimeout(r, 100));
        const b = await startRepoIndexing(h.client, { ...first, repository: { ...first.repository, commit_sha: 'bbb' } }, { taskQueue: h.taskQueue });
        const c = await startRepoIndexing(h.client, { ...first, repository: { ...first.repository, commit_sha: 'ccc' } }, { taskQueue: h.taskQueue });
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
