import { ApplicationFailure } from '@temporalio/common';
import { WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activities } from '../../../src/activities/index.js';
import { ErrorType } from '../../../src/shared/errors.js';
import type { RepositoryRef } from '../../../src/shared/repo-indexing.js';
import { repoIndexingWorkflowId } from '../../../src/shared/workflow-ids.js';
import { startInstallationIndexing } from '../../../src/temporal/start-installation-indexing.js';
import type { InstallationIndexingWorkflow } from '../../../src/workflows/index-installation.js';
import { Worker } from '@temporalio/worker';
import { WORKFLOW_BUNDLER_OPTIONS, WORKFLOWS_PATH } from '../../../src/temporal/workflow-bundler-options.js';
import { createWorker, type RepographWorker } from '../../../src/worker.js';
import { uniqueSuffix } from '../../helpers/services.js';
import { createWorkflowHarness, type WorkflowHarness } from '../workflow/workflow-harness.js';

// Workflow logic only: the listing activity and the child's activities are stand-ins on the real Temporal
// server; the real child workflow runs, its precheck stub says "nothing to do" after holding a slot briefly.

describe('InstallationIndexingWorkflow (real Temporal, stub activities)', () => {
  let h: WorkflowHarness;
  let worker: RepographWorker;
  let running: Promise<void>;
  const active = { now: 0, max: 0, prechecks: [] as string[] };
  const listings: Record<number, RepositoryRef[] | 'revoked'> = {};
  let listingCalls = 0;

  const stubs: Partial<Activities> = {
    recordWorkflowEvent: async () => undefined,
    listInstallationRepositories: async ({ installation_id, repository_ids }) => {
      listingCalls++;
      const listed = listings[installation_id];
      if (listed === 'revoked' || listed == null) {
        throw ApplicationFailure.create({
          message: 'installation removed',
          type: ErrorType.InstallationRevoked,
          nonRetryable: true,
        });
      }
      const chosen =
        repository_ids == null ? listed : listed.filter((r) => repository_ids.includes(r.github_repo_id ?? -1));
      return { repositories: chosen, missing_repository_ids: [] };
    },
    checkIndexingNeeded: async (input) => {
      active.now++;
      active.max = Math.max(active.max, active.now);
      active.prechecks.push(input.repository.github_repo_name);
      await new Promise((resolve) => setTimeout(resolve, 400));
      active.now--;
      if (input.repository.github_repo_name.endsWith('/broken')) {
        throw ApplicationFailure.create({
          message: 'no such repository',
          type: ErrorType.RepoNotFound,
          nonRetryable: true,
        });
      }
      return {
        indexing_needed: false,
        current_sha: 'a'.repeat(40),
        latest_snapshot_sha: 'a'.repeat(40),
        reason: 'sha_unchanged',
      };
    },
  };

  beforeAll(async () => {
    h = await createWorkflowHarness('/nonexistent-work-dir');
    worker = await createWorker({
      config: h.config,
      connection: h.connection,
      taskQueue: h.taskQueue,
      activities: stubs,
    });
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await h?.close();
  });

  const refs = (installation: number, names: string[]): RepositoryRef[] =>
    names.map((name, i) => ({
      github_repo_name: `acme-${installation}/${name}`,
      github_repo_id: installation * 100 + i,
      repo_id: `00000000-0000-4000-8000-${String(installation * 100 + i).padStart(12, '0')}`,
      repo_url: '',
      commit_sha: null,
      default_branch: i % 2 === 0 ? 'main' : 'trunk',
    }));

  it('runs one child per repository under its deterministic id, at most 4 at a time, and survives a failing one', async () => {
    const installation = Number(Date.now() % 1_000_000) + 10_000;
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'broken'];
    listings[installation] = refs(installation, names);
    const started = await startInstallationIndexing(
      h.client,
      { installation_id: installation },
      { taskQueue: h.taskQueue },
    );
    const again = await startInstallationIndexing(
      h.client,
      { installation_id: installation },
      { taskQueue: h.taskQueue },
    );
    expect(again.workflowId).toBe(started.workflowId);
    const result = await h.client.workflow.getHandle<typeof InstallationIndexingWorkflow>(started.workflowId).result();
    expect(listingCalls).toBe(1);
    expect(active.max).toBeLessThanOrEqual(4);
    expect(active.prechecks.filter((n) => n.startsWith(`acme-${installation}/`)).sort()).toEqual(
      names.map((n) => `acme-${installation}/${n}`).sort(),
    );
    expect(result.repositories).toHaveLength(10);
    for (const outcome of result.repositories) {
      const ref = (listings[installation] as RepositoryRef[]).find((r) => r.github_repo_name === outcome.repo)!;
      expect(outcome.workflow_id).toBe(repoIndexingWorkflowId(ref));
      expect(outcome.status).toBe(outcome.repo.endsWith('/broken') ? 'failed' : 'skipped');
    }
    const child = await h.client.workflow.getHandle(result.repositories[0]!.workflow_id).describe();
    expect(child.type).toBe('RepoIndexingWorkflow');
    // The lanes interleave child completions; replaying the recorded history proves that stays deterministic.
    const history = await h.client.workflow.getHandle(started.workflowId).fetchHistory();
    await expect(
      Worker.runReplayHistory(
        { workflowsPath: WORKFLOWS_PATH, bundlerOptions: { webpackConfigHook: WORKFLOW_BUNDLER_OPTIONS } },
        history,
      ),
    ).resolves.toBeUndefined();
  });

  it('indexes only the repositories a delivery added, once per delivery id', async () => {
    const installation = Number(Date.now() % 1_000_000) + 20_000;
    listings[installation] = refs(installation, ['x', 'y', 'z']);
    const ids = [installation * 100 + 2];
    const key = `delivery-${uniqueSuffix()}`;
    const first = await startInstallationIndexing(
      h.client,
      { installation_id: installation, repository_ids: ids },
      { taskQueue: h.taskQueue, key },
    );
    const result = await h.client.workflow.getHandle<typeof InstallationIndexingWorkflow>(first.workflowId).result();
    expect(result.repositories.map((r) => r.repo)).toEqual([`acme-${installation}/z`]);
    const redelivered = await startInstallationIndexing(
      h.client,
      { installation_id: installation, repository_ids: ids },
      { taskQueue: h.taskQueue, key },
    );
    expect(redelivered.runId).toBeNull();
  });

  it('fails fast and for good when the installation was revoked', async () => {
    const installation = Number(Date.now() % 1_000_000) + 30_000;
    listings[installation] = 'revoked';
    const before = listingCalls;
    const started = await startInstallationIndexing(
      h.client,
      { installation_id: installation },
      { taskQueue: h.taskQueue },
    );
    const error = await h.client.workflow
      .getHandle(started.workflowId)
      .result()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowFailedError);
    const cause = (error as WorkflowFailedError).cause?.cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect((cause as ApplicationFailure).type).toBe(ErrorType.InstallationRevoked);
    expect(listingCalls - before).toBe(1);
  });
});
