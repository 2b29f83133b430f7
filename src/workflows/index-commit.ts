import { CancellationScope, log, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { CloneResult, EventContext, ParseResult, PersistGraphResult } from '../shared/indexing-steps.js';
import type { IndexingProgress, RepoIndexingInput, RepoIndexingSuccess } from '../shared/repo-indexing.js';
import {
  CLAIM_QUEUE_OPTIONS,
  CLEANUP_OPTIONS,
  CLONE_OPTIONS,
  PARSE_OPTIONS,
  PERSIST_GRAPH_OPTIONS,
  PERSIST_METADATA_OPTIONS,
  STALE_CLEANUP_OPTIONS,
} from './activity-options.js';
import { step } from './step.js';

const { claimWorkerQueue } = proxyActivities<Activities>(CLAIM_QUEUE_OPTIONS);
const { cleanupStaleGraphNodes } = proxyActivities<Activities>(STALE_CLEANUP_OPTIONS);

/** Activities bound to the worker-specific queue returned by `claimWorkerQueue` (C25). */
function onHost(taskQueue: string) {
  return {
    clone: proxyActivities<Activities>({ ...CLONE_OPTIONS, taskQueue }).cloneRepo,
    parse: proxyActivities<Activities>({ ...PARSE_OPTIONS, taskQueue }).parseRepo,
    graph: proxyActivities<Activities>({ ...PERSIST_GRAPH_OPTIONS, taskQueue }).persistKnowledgeGraph,
    metadata: proxyActivities<Activities>({ ...PERSIST_METADATA_OPTIONS, taskQueue }).persistMetadata,
    cleanup: proxyActivities<Activities>({ ...CLEANUP_OPTIONS, taskQueue }).cleanupWorkDir,
  };
}

/**
 * Steps 1–5 for one resolved commit: clone → parse → knowledge graph → metadata → stale cleanup, with the work
 * dir deleted in `finally` whenever the clone succeeded, also on failure and cancellation.
 */
export async function indexCommit(
  input: RepoIndexingInput,
  commitSha: string,
  context: EventContext,
  progress: IndexingProgress,
): Promise<Omit<RepoIndexingSuccess, 'status' | 'repo'>> {
  const { repository } = input;
  const { task_queue } = await step(progress, 'claim_worker', () => claimWorkerQueue());
  const host = onHost(task_queue);
  let clone: CloneResult | undefined;
  try {
    clone = await step(progress, 'clone', () =>
      host.clone({
        installation_id: input.installation_id,
        repository,
        commit_sha: commitSha,
        run_key: context.workflow_run_id,
        event_context: context,
      }),
    );
    const cloned = clone;
    log.info('Cloned', { commit_sha: cloned.commit_sha, task_queue });
    const parsed: ParseResult = await step(progress, 'parse', () =>
      host.parse({ ...refs(input, cloned), event_context: context }),
    );
    log.info('Parsed', { files: parsed.stats.total_files, symbols: parsed.stats.total_symbols });
    progress.step_counts = {
      ...progress.step_counts,
      parse: `${parsed.stats.indexed_files} files, ${parsed.stats.total_symbols} symbols`,
    };
    const graph: PersistGraphResult = await step(progress, 'persist_kg', () =>
      host.graph({ ...refs(input, cloned), parsed_path: parsed.parsed_path, event_context: context }),
    );
    log.info('Knowledge graph persisted', {
      nodes: graph.nodes,
      relationships: graph.relationships,
      swept: graph.nodes_swept,
    });
    progress.step_counts = {
      ...progress.step_counts,
      persist_kg: `${graph.nodes} nodes, ${graph.relationships} relationships, ${graph.nodes_swept} swept`,
    };
    await step(progress, 'persist_metadata', () =>
      host.metadata({
        repo_id: repository.repo_id,
        github_repo_id: repository.github_repo_id,
        commit_sha: cloned.commit_sha,
        parsed_path: parsed.parsed_path,
        stats: { ...parsed.stats, nodes: graph.nodes, relationships: graph.relationships },
        event_context: context,
      }),
    );
    const stale = await step(progress, 'cleanup_stale', () =>
      cleanupStaleGraphNodes({ repo_id: repository.repo_id, ttl_days: null, event_context: context }),
    );
    return {
      commit_sha: cloned.commit_sha,
      stats: {
        ...parsed.stats,
        imports_edges: graph.imports_edges,
        calls_edges: graph.calls_edges,
        nodes: graph.nodes,
        relationships: graph.relationships,
        errors: [],
        step_millis: { ...progress.step_millis },
      },
      nodes_deleted_before_write: 0,
      nodes_swept: graph.nodes_swept,
      stale_nodes_deleted: stale.nodes_deleted,
    };
  } finally {
    if (clone != null) await removeWorkDir(host.cleanup, clone.work_dir, progress);
  }
}

function refs(input: RepoIndexingInput, clone: CloneResult) {
  return {
    work_dir: clone.work_dir,
    local_path: clone.local_path,
    repo_id: input.repository.repo_id,
    github_repo_id: input.repository.github_repo_id,
    commit_sha: clone.commit_sha,
  };
}

async function removeWorkDir(
  cleanup: Activities['cleanupWorkDir'],
  workDir: string,
  progress: IndexingProgress,
): Promise<void> {
  const started = Date.now();
  try {
    await CancellationScope.nonCancellable(() => cleanup({ work_dir: workDir }));
  } catch (error) {
    log.warn('Work dir cleanup failed', { work_dir: workDir, error: String(error) });
  } finally {
    progress.step_millis.cleanup = Date.now() - started;
  }
}
