import { log, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { CloneResult, EventContext, ParseResult, PersistGraphResult } from '../shared/indexing-steps.js';
import type { IndexingProgress, RepoIndexingInput, RepoIndexingSuccess } from '../shared/repo-indexing.js';
import {
  CLAIM_QUEUE_OPTIONS,
  CLEANUP_OPTIONS,
  CLONE_OPTIONS,
  hostStepOptions,
  STALE_CLEANUP_OPTIONS,
} from './activity-options.js';
import { isHostLost, onAnyHost } from './on-any-host.js';
import { removeWorkDir } from './remove-work-dir.js';
import { step } from './step.js';

const { claimWorkerQueue } = proxyActivities<Activities>(CLAIM_QUEUE_OPTIONS);
const { cleanupStaleGraphNodes } = proxyActivities<Activities>(STALE_CLEANUP_OPTIONS);

/** Activities bound to the worker-specific queue returned by `claimWorkerQueue`: they write the run's work dir. */
function onHost(taskQueue: string) {
  return {
    clone: proxyActivities<Activities>({ ...CLONE_OPTIONS, taskQueue }).cloneRepo,
    cleanup: proxyActivities<Activities>({ ...CLEANUP_OPTIONS, taskQueue }).cleanupWorkDir,
  };
}

/** The steps that read the clone, on its host, with timeouts scaled to what the clone holds. */
function onClone(taskQueue: string, clone: CloneResult) {
  const all = { files: clone.files, bytes: clone.bytes };
  const toParse = { files: clone.files_to_parse, bytes: clone.bytes_to_parse };
  return {
    parse: proxyActivities<Activities>(hostStepOptions('parse', toParse, taskQueue)).parseRepo,
    graph: proxyActivities<Activities>(hostStepOptions('persist_kg', all, taskQueue)).persistKnowledgeGraph,
    metadata: proxyActivities<Activities>(hostStepOptions('persist_metadata', all, taskQueue)).persistMetadata,
  };
}

function note(progress: IndexingProgress, name: string, counts: string): void {
  progress.step_counts = { ...progress.step_counts, [name]: counts };
}

type CommitIndexed = Omit<RepoIndexingSuccess, 'status' | 'repo' | 'branch'>;

/**
 * Steps 1–5 for one resolved commit: clone → parse → knowledge graph → metadata → stale cleanup, with the work
 * dir deleted in `finally` whenever the clone succeeded, also on failure and cancellation. When the worker host
 * holding the clone is lost, the commit is cloned again on another worker (see `onAnyHost`).
 */
export async function indexCommit(
  input: RepoIndexingInput,
  commitSha: string,
  context: EventContext,
  progress: IndexingProgress,
): Promise<CommitIndexed> {
  return onAnyHost((abandon) => indexOnHost(input, commitSha, context, progress, abandon));
}

async function indexOnHost(
  input: RepoIndexingInput,
  commitSha: string,
  context: EventContext,
  progress: IndexingProgress,
  abandon: (cleanup: Promise<void>) => void,
): Promise<CommitIndexed> {
  const { repository } = input;
  const full = input.full === true;
  const { task_queue } = await step(progress, 'claim_worker', () => claimWorkerQueue());
  const host = onHost(task_queue);
  let clone: CloneResult | undefined;
  let lost = false;
  try {
    clone = await step(progress, 'clone', () =>
      host.clone({
        installation_id: input.installation_id,
        repository,
        commit_sha: commitSha,
        run_key: context.workflow_run_id,
        full,
        event_context: context,
      }),
    );
    const cloned = clone;
    log.info('Cloned', { commit_sha: cloned.commit_sha, task_queue, mirror: cloned.mirror });
    const steps = onClone(task_queue, cloned);
    const parsed: ParseResult = await step(progress, 'parse', () =>
      steps.parse({
        work_dir: cloned.work_dir,
        repo_id: repository.repo_id,
        commit_sha: cloned.commit_sha,
        bytes_to_parse: cloned.bytes_to_parse,
        event_context: context,
      }),
    );
    const p = parsed.stats;
    log.info('Parsed', { files: p.total_files, parsed: p.files_parsed, symbols: p.total_symbols });
    note(progress, 'parse', `${p.total_files} files (${p.files_parsed} parsed, ${p.files_reused} reused)`);
    const unit = {
      work_dir: cloned.work_dir,
      repo_id: repository.repo_id,
      github_repo_id: repository.github_repo_id,
      branch: repository.default_branch,
      commit_sha: cloned.commit_sha,
      event_context: context,
    };
    const graph: PersistGraphResult = await step(progress, 'persist_kg', () =>
      steps.graph({ ...unit, repo_name: repository.github_repo_name, full }),
    );
    log.info('Knowledge graph persisted', { mode: graph.mode, written: graph.elements_written });
    note(
      progress,
      'persist_kg',
      `${graph.mode}: ${graph.elements_written} written, ${graph.elements_deleted} deleted ` +
        `(${graph.nodes} nodes, ${graph.relationships} relationships)`,
    );
    await step(progress, 'persist_metadata', () =>
      steps.metadata({
        ...unit,
        stats: { ...p, nodes: graph.nodes, relationships: graph.relationships, mode: graph.mode },
      }),
    );
    const stale = await step(progress, 'cleanup_stale', () =>
      cleanupStaleGraphNodes({ repo_id: repository.repo_id, ttl_days: null, event_context: context }),
    );
    return {
      commit_sha: cloned.commit_sha,
      stats: {
        ...p,
        imports_edges: graph.imports_edges,
        calls_edges: graph.calls_edges,
        nodes: graph.nodes,
        relationships: graph.relationships,
        errors: [],
        mode: graph.mode,
        files_removed: graph.files_removed,
        files_resolved: graph.files_resolved,
        elements_written: graph.elements_written,
        elements_deleted: graph.elements_deleted,
        step_millis: { ...progress.step_millis },
      },
      nodes_deleted_before_write: 0,
      stale_nodes_deleted: stale.nodes_deleted,
    };
  } catch (error) {
    lost = isHostLost(error);
    throw error;
  } finally {
    if (clone != null) {
      const cleanup = removeWorkDir(host.cleanup, clone.work_dir, progress);
      if (lost) abandon(cleanup);
      else await cleanup;
    }
  }
}
