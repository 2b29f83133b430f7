import { existsSync, mkdirSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyGitError } from '../../../src/git/classify-git-error.js';
import { normaliseSource } from '../../../src/git/normalise-source.js';
import { runGit } from '../../../src/git/run-git.js';
import { sourceRepositoryRef } from '../../../src/git/source-repository-ref.js';
import { ErrorType } from '../../../src/shared/errors.js';
import type { RepoIndexingSuccess, RepositoryRef } from '../../../src/shared/repo-indexing.js';
import { commitFiles, createFixtureRepo, git } from './fixture-repo.js';
import { readGraphSnapshot } from './graph-snapshot.js';
import { startIndexingEnv, type IndexingEnv, type IndexOutcome } from './indexing-env.js';

/** A directory name with every character a path-to-URL round trip has to get right. */
const AWKWARD_DIR = 'dir with space ün #1 50%';
const BOGUS_SHA = '1234567890abcdef1234567890abcdef12345678';

describe('awkward local paths and permanent git errors (real Temporal, Neo4j, PostgreSQL, git)', () => {
  let env: IndexingEnv;
  let repoDir: string;
  let sha: string;
  let repository: RepositoryRef;
  const damaged: RepositoryRef[] = [];

  beforeAll(async () => {
    env = await startIndexingEnv('sources', () =>
      [repository, ...damaged].filter((r) => r != null).map((r) => r.repo_id),
    );
    repoDir = path.join(env.root, AWKWARD_DIR, 'repo');
    mkdirSync(repoDir, { recursive: true });
    sha = createFixtureRepo(repoDir);
    repository = sourceRepositoryRef(normaliseSource(repoDir), 'main', 'main');
  });
  afterAll(async () => {
    await env?.close();
  });

  it('normalises the path to a percent-encoded file URL that converts back to the same directory', () => {
    const normalised = normaliseSource(repoDir);
    expect(normalised).toContain('dir%20with%20space%20%C3%BCn%20%231%2050%25/repo');
    expect(fileURLToPath(normalised)).toBe(realpathSync(repoDir));
    expect(normaliseSource(pathToFileURL(repoDir).toString())).toBe(normalised);
  });

  it('describes the source in the worker (DescribeSourceWorkflow against real git), from a path and a file URL', async () => {
    for (const source of [repoDir, pathToFileURL(repoDir).toString()]) {
      const described = await env.h.client.workflow.execute('DescribeSourceWorkflow', {
        workflowId: `describe-awkward-${Math.random().toString(36).slice(2)}`,
        taskQueue: env.h.taskQueue,
        args: [{ source, branch: null }],
      });
      expect(described).toMatchObject({
        repo_id: repository.repo_id,
        repo_url: repository.repo_url,
        default_branch: 'main',
        repository_default_branch: 'main',
      });
    }
  });

  it('indexes the repository through precheck, clone and parse', async () => {
    const { result } = await env.index(repository);
    expect((result as RepoIndexingSuccess).commit_sha).toBe(sha);
    const graph = await readGraphSnapshot(env.driver, env.config.neo4j.database, repository.repo_id);
    expect(graph.files).toContain('app/models.py');
    expect(graph.symbols).toContain('User');
  });

  it('classifies the fetch of an unknown commit from real git as a permanent BranchNotFound', async () => {
    const scratch = path.join(env.root, 'scratch.git');
    await runGit(['init', '--bare', '--quiet', scratch], { gitDir: null });
    const error = await runGit(['fetch', '--depth', '1', repository.repo_url, BOGUS_SHA], { gitDir: scratch }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(classifyGitError(error)).toMatchObject({ type: ErrorType.BranchNotFound, nonRetryable: true });
  });

  it('fails a run for an unknown --commit after one clone attempt, with a clear message and no leftovers', async () => {
    const { result, history } = await env.index({ ...repository, commit_sha: BOGUS_SHA });
    expect(result).toBeInstanceOf(WorkflowFailedError);
    const failure = (result as WorkflowFailedError).cause;
    expect(failure?.message).toMatch(/^Step clone failed/);
    const cause = (failure?.cause as Error | undefined)?.cause as { type?: string; message?: string } | undefined;
    expect(cause?.type).toBe(ErrorType.BranchNotFound);
    expect(cause?.message).toMatch(/not our ref|couldn't find remote ref/);
    expect(cause?.message).toContain('To fix this problem');
    const cloneAttempts = (history.events ?? [])
      .filter((e) => e.activityTaskStartedEventAttributes != null)
      .map((e) => e.activityTaskStartedEventAttributes?.attempt ?? 1);
    expect(cloneAttempts.length).toBeGreaterThan(0);
    expect(cloneAttempts.every((a) => a === 1)).toBe(true);
  });

  /** Deletes the loose object of `file` at HEAD from the repository's object store; returns its id. */
  function deleteBlob(dir: string, file: string): string {
    const oid = git(dir, 'rev-parse', `HEAD:${file}`);
    const loose = path.join(dir, '.git', 'objects', oid.slice(0, 2), oid.slice(2));
    expect(existsSync(loose)).toBe(true);
    rmSync(loose);
    return oid;
  }

  /** The run failed in its clone step, in one attempt, naming the file and blob; nothing after clone ran. */
  function expectMissingBlobFailure(ref: RepositoryRef, outcome: IndexOutcome, missing: string): void {
    expect(outcome.result).toBeInstanceOf(WorkflowFailedError);
    const failure = (outcome.result as WorkflowFailedError).cause;
    expect(failure?.message).toMatch(/^Step clone failed/);
    const cause = (failure?.cause as Error | undefined)?.cause as { type?: string; message?: string } | undefined;
    expect(cause?.type).toBe(ErrorType.RepoIncomplete);
    expect(cause?.message).toContain(`${missing} missing from the repository's object store`);
    expect(cause?.message).toContain("To fix this problem, repair the source repository: 'git fsck'");
    const events = outcome.history.events ?? [];
    const scheduled = events.flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
    expect(scheduled.filter((name) => name === 'cloneRepo')).toHaveLength(1);
    expect(scheduled).not.toContain('parseRepo');
    expect(scheduled).not.toContain('persistMetadata');
    const attempts = events.flatMap((e) => e.activityTaskStartedEventAttributes?.attempt ?? []);
    expect(attempts.every((a) => a === 1)).toBe(true);
    // The failed clone removed its work dir.
    expect(readdirSync(env.workDir).filter((name) => name.startsWith(ref.repo_id))).toEqual([]);
  }

  it('fails a first run of a repository whose object store lacks a blob in the clone step, once', async () => {
    const dir = path.join(env.root, 'damaged repo');
    createFixtureRepo(dir);
    const oid = deleteBlob(dir, 'app/service.py');
    const ref = sourceRepositoryRef(normaliseSource(dir), 'main', 'main');
    damaged.push(ref);
    expectMissingBlobFailure(ref, await env.index(ref), `"app/service.py" (blob ${oid}) is`);
  });

  it('fails the same way, never in persist_metadata, when the blob goes missing after a run', async () => {
    const dir = path.join(env.root, 'damaged later');
    createFixtureRepo(dir);
    const ref = sourceRepositoryRef(normaliseSource(dir), 'main', 'main');
    damaged.push(ref);
    expect(((await env.index(ref)).result as RepoIndexingSuccess).status).toBe('success');
    // A file of a type nobody parses: nothing reads its blob, so without the check its row reached persist_metadata
    // (after the parse and graph steps) with a null size.
    commitFiles(dir, { 'assets/logo.unknown': 'not parsed\n' }, 'an asset');
    const oid = deleteBlob(dir, 'assets/logo.unknown');
    expectMissingBlobFailure(ref, await env.index(ref), `"assets/logo.unknown" (blob ${oid}) is`);
  });
});
