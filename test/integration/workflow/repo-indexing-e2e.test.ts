import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../../src/config/read-config.js';
import { listSnapshots } from '../../../src/db/repositories/repo-snapshots.repository.js';
import { listRunEvents } from '../../../src/db/repositories/workflow-run-events.repository.js';
import { createGraphDriver } from '../../../src/graph/create-graph-driver.js';
import {
  INDEXING_PROGRESS_QUERY,
  type IndexingProgress,
  type RepoIndexingInput,
  type RepoIndexingSuccess,
  type RepositoryRef,
} from '../../../src/shared/repo-indexing.js';
import { normaliseSource } from '../../../src/git/normalise-source.js';
import { sourceRepositoryRef } from '../../../src/git/source-repository-ref.js';
import { repoIndexingWorkflowId } from '../../../src/shared/workflow-ids.js';
import { startRepoIndexing } from '../../../src/temporal/start-repo-indexing.js';
import {
  createWorker,
  createWorkerResources,
  type RepographWorker,
  type WorkerResources,
} from '../../../src/worker.js';
import { createTestDatabase, type TestDatabase } from '../db/test-database.js';
import { commitFiles, createFixtureRepo, FIXTURE_FILES } from './fixture-repo.js';
import { deleteTestGraph, readGraphSnapshot } from './graph-snapshot.js';
import { createWorkflowHarness, payloadSizes, type WorkflowHarness } from './workflow-harness.js';

const STEPS = [
  'checkIndexingNeeded',
  'cloneRepo',
  'parseRepo',
  'persistKnowledgeGraph',
  'persistMetadata',
  'cleanupStaleGraphNodes',
];

describe('RepoIndexingWorkflow end to end (real Temporal, Neo4j, PostgreSQL, git)', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'rg-e2e-'));
  const workDir = path.join(root, 'work');
  const repoDir = path.join(root, 'repo');
  let h: WorkflowHarness;
  let t: TestDatabase;
  let config: Config;
  let resources: WorkerResources;
  let worker: RepographWorker;
  let running: Promise<void>;
  let driver: Driver;
  let repository: RepositoryRef;
  let firstSha: string;

  beforeAll(async () => {
    firstSha = createFixtureRepo(repoDir);
    h = await createWorkflowHarness(workDir);
    t = await createTestDatabase();
    config = { ...h.config, postgres: { url: t.url } };
    resources = await createWorkerResources(config);
    worker = await createWorker({
      config,
      connection: h.connection,
      taskQueue: h.taskQueue,
      activityDeps: resources.activityDeps,
    });
    running = worker.run();
    driver = createGraphDriver(config.neo4j);
    repository = sourceRepositoryRef(normaliseSource(repoDir), 'main', 'main');
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await resources?.close();
    if (driver != null && repository != null) {
      await deleteTestGraph(driver, config.neo4j.database, [repository.repo_id]);
      await driver.close();
    }
    await t?.drop();
    await h?.close();
    rmSync(root, { recursive: true, force: true });
  });

  async function index(ref: RepositoryRef, extra: Partial<RepoIndexingInput> = {}) {
    const input: RepoIndexingInput = { installation_id: null, user_id: null, repository: ref, ...extra };
    const started = await startRepoIndexing(h.client, input, { taskQueue: h.taskQueue });
    const result = await started.handle.result().catch((error: unknown) => error);
    const history = await started.handle.fetchHistory();
    expect(Math.max(...payloadSizes(history))).toBeLessThan(256 * 1024);
    expect(readdirSync(workDir)).toEqual([]);
    return { result, history, runId: started.runId };
  }

  it('indexes a local repository: graph, snapshot, files, events; work dir removed', async () => {
    expect(repository.default_branch).toBe('main');
    const { result, runId } = await index(repository);
    expect(result).toMatchObject({ status: 'success', commit_sha: firstSha });
    const success = result as RepoIndexingSuccess;
    expect(success.stats.total_files).toBe(Object.keys(FIXTURE_FILES).length);
    expect(Object.keys(success.stats.step_millis)).toEqual(
      expect.arrayContaining(['precheck', 'clone', 'parse', 'persist_kg', 'persist_metadata']),
    );
    const progress = await h.client.workflow
      .getHandle(repoIndexingWorkflowId(repository), runId)
      .query<IndexingProgress>(INDEXING_PROGRESS_QUERY);
    expect(progress.step).toBe('done');
    const s = success.stats;
    expect(progress.step_counts?.parse).toBe(
      `${s.total_files} files (${s.files_parsed} parsed, ${s.files_reused} reused)`,
    );
    expect(progress.step_counts?.persist_kg).toBe(
      `${s.mode}: ${s.elements_written} written, ${s.elements_deleted} deleted ` +
        `(${s.nodes} nodes, ${s.relationships} relationships)`,
    );

    const graph = await readGraphSnapshot(driver, config.neo4j.database, repository.repo_id);
    expect(graph.files).toEqual(expect.arrayContaining(Object.keys(FIXTURE_FILES)));
    expect(graph.symbols).toEqual(expect.arrayContaining(['User', 'greet', 'make_user', 'shout', 'Page', 'render']));
    expect(graph.relationships.length).toBe(success.stats.relationships);

    const [snapshot] = await listSnapshots(t.db, repository.repo_id);
    expect(snapshot).toMatchObject({ commit_sha: firstSha, file_count: Object.keys(FIXTURE_FILES).length });
    const files = await t.db
      .selectFrom('indexed_files')
      .selectAll()
      .where('repository_id', '=', repository.repo_id)
      .where('branch', '=', 'main')
      .execute();
    expect(files.every((f) => f.snapshot_id === snapshot!.id)).toBe(true);
    expect(files.map((f) => f.file_path).sort()).toEqual(Object.keys(FIXTURE_FILES).sort());
    expect(files.find((f) => f.file_path === 'app/models.py')).toMatchObject({
      language: 'python',
      parse_status: 'parsed',
      symbol_count: 3,
    });

    const events = await listRunEvents(t.db, runId);
    for (const step of STEPS) {
      expect(events.filter((e) => e.activity_name === step).map((e) => e.event_type)).toEqual(['started', 'completed']);
    }
    expect(events[0]?.event_type).toBe('workflow_started');
    expect(events.at(-1)?.event_type).toBe('workflow_completed');
  });

  it('skips the same commit', async () => {
    const { result } = await index(repository);
    expect(result).toMatchObject({
      status: 'skipped',
      reason: 'sha_unchanged',
      current_sha: firstSha,
      latest_snapshot_sha: firstSha,
    });
  });

  it('applies a new commit and sweeps removed files', async () => {
    const secondSha = commitFiles(repoDir, {
      'web/util.ts': null,
      'web/main.ts': 'export class Page {}\n',
      'app/extra.py': 'def extra():\n    return 1\n',
    });
    const { result } = await index(repository);
    expect(result).toMatchObject({ status: 'success', commit_sha: secondSha });
    expect((result as RepoIndexingSuccess).stats.elements_deleted).toBeGreaterThan(0);
    const graph = await readGraphSnapshot(driver, config.neo4j.database, repository.repo_id);
    expect(graph.files).toContain('app/extra.py');
    expect(graph.files).not.toContain('web/util.ts');
    expect(graph.symbols).toContain('extra');
    expect(graph.symbols).not.toContain('shout');
    expect((await listSnapshots(t.db, repository.repo_id)).map((s) => s.commit_sha)).toEqual([secondSha, firstSha]);
  });

  it.each([
    ['a branch that does not exist', () => ({ ...repository, default_branch: 'no-such-branch' }), 'BranchNotFound'],
    ['a path that does not exist', () => ({ ...repository, repo_url: path.join(root, 'missing') }), 'RepoNotFound'],
    ['an abbreviated commit SHA', () => ({ ...repository, commit_sha: firstSha.slice(0, 8) }), 'InvalidInput'],
  ])('fails fast on %s, without retries and without leftovers', async (_name, ref, type) => {
    const { result, history } = await index(ref());
    expect(result).toBeInstanceOf(WorkflowFailedError);
    const failure = (result as WorkflowFailedError).cause;
    expect(failure?.message).toMatch(/^Step precheck failed/);
    const activityFailure = failure?.cause as Error | undefined;
    expect((activityFailure?.cause as { type?: string } | undefined)?.type).toBe(type);
    const attempts = (history.events ?? [])
      .map((e) => e.activityTaskStartedEventAttributes?.attempt)
      .filter((a) => a != null);
    expect(attempts.length).toBeGreaterThan(0);
    expect(attempts.every((a) => a === 1)).toBe(true);
    const scheduled = (history.events ?? []).filter(
      (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'checkIndexingNeeded',
    );
    expect(scheduled).toHaveLength(1);
  });
});
