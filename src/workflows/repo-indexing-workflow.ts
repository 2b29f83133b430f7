import {
  CancellationScope,
  continueAsNew,
  defineQuery,
  defineSignal,
  isCancellation,
  log,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { EventContext, WorkflowEventType } from '../shared/indexing-steps.js';
import {
  INDEXING_PROGRESS_QUERY,
  REINDEX_SIGNAL,
  type IndexingProgress,
  type ReindexRequest,
  type RepoIndexingInput,
  type RepoIndexingResult,
} from '../shared/repo-indexing.js';
import { EVENT_OPTIONS, PRECHECK_OPTIONS } from './activity-options.js';
import { indexCommit } from './index-commit.js';
import { step } from './step.js';

const { checkIndexingNeeded } = proxyActivities<Activities>(PRECHECK_OPTIONS);
const { recordWorkflowEvent } = proxyActivities<Activities>(EVENT_OPTIONS);

/** Signal: index a newer commit once the current run is done (see `startRepoIndexing`). */
export const reindexSignal = defineSignal<[ReindexRequest]>(REINDEX_SIGNAL);
/** Query: the step running now and the wall time of finished steps. */
export const progressQuery = defineQuery<IndexingProgress>(INDEXING_PROGRESS_QUERY);

/**
 * Indexes one commit of one branch of a repository into the knowledge graph and the metadata tables, in the
 * original's order: precheck → clone → parse → knowledge graph → metadata → stale cleanup, work dir removed in
 * `finally`. A reindex request signalled while running is kept (newest wins) and indexed right after, through
 * continue-as-new.
 */
export async function RepoIndexingWorkflow(input: RepoIndexingInput): Promise<RepoIndexingResult> {
  const info = workflowInfo();
  const { repository } = input;
  const context: EventContext = {
    workflow_id: info.workflowId,
    workflow_run_id: info.runId,
    workflow_type: 'repo_indexing',
    user_id: input.user_id,
    repo_id: repository.repo_id,
    branch: repository.default_branch,
    installation_id: input.installation_id,
  };
  const progress: IndexingProgress = {
    step: 'precheck',
    step_millis: {},
    commit_sha: null,
    pending_commit_sha: undefined,
  };
  let pending: ReindexRequest | undefined;
  setHandler(reindexSignal, (request) => {
    // signalWithStart delivers the starting trigger's own signal too; only other triggers are new requests.
    if (request.trigger_id != null && request.trigger_id === input.trigger_id) return;
    pending = request;
    progress.pending_commit_sha = request.commit_sha;
  });
  setHandler(progressQuery, () => progress);

  log.info('Indexing started', { repo: repository.github_repo_name, branch: repository.default_branch });
  const result = await indexRequested(input, context, progress);
  progress.step = 'done';
  const next = pending;
  const forced = next?.force === true || next?.full === true;
  if (next != null && (forced || next.commit_sha == null || next.commit_sha !== progress.commit_sha)) {
    log.info('Indexing the commit requested during the run', { commit_sha: next.commit_sha });
    await continueAsNew<typeof RepoIndexingWorkflow>({
      ...input,
      repository: { ...repository, commit_sha: next.commit_sha },
      force: next.force === true,
      full: next.full === true,
      trigger_id: next.trigger_id,
    });
  }
  return result;
}

async function indexRequested(
  input: RepoIndexingInput,
  context: EventContext,
  progress: IndexingProgress,
): Promise<RepoIndexingResult> {
  const repo = input.repository.github_repo_name;
  await emit(context, 'workflow_started', `indexing ${repo}`, { branch: input.repository.default_branch });
  try {
    const check = await step(progress, 'precheck', () => checkIndexingNeeded({ ...input, event_context: context }));
    progress.commit_sha = check.current_sha;
    if (!check.indexing_needed || check.current_sha == null) {
      log.info('Indexing skipped', { reason: check.reason, sha: check.current_sha?.slice(0, 8) ?? null });
      await emit(context, 'workflow_completed', `skipped: ${check.reason}`, { reason: check.reason });
      return {
        status: 'skipped',
        repo,
        reason: check.reason,
        current_sha: check.current_sha,
        latest_snapshot_sha: check.latest_snapshot_sha,
      };
    }
    log.info('Indexing required', { reason: check.reason, sha: check.current_sha.slice(0, 8) });
    const done = await indexCommit(input, check.current_sha, context, progress);
    await emit(context, 'workflow_completed', `indexed ${done.commit_sha?.slice(0, 12)}`, { ...done.stats });
    return { status: 'success', repo, branch: input.repository.default_branch, ...done };
  } catch (error) {
    log.error('Indexing failed', { step: progress.step, error: String(error) });
    const type = isCancellation(error) ? 'cancelled' : 'failed';
    await CancellationScope.nonCancellable(() =>
      emit(context, 'workflow_failed', `${type} in step ${progress.step}`, { step: progress.step }),
    );
    throw error;
  }
}

async function emit(
  context: EventContext,
  type: WorkflowEventType,
  message: string,
  metadata: Record<string, unknown>,
): Promise<void> {
  try {
    await recordWorkflowEvent({ event_context: context, event_type: type, message, metadata });
  } catch (error) {
    if (isCancellation(error)) throw error;
    log.warn('Could not record a workflow event', { type, error: String(error) });
  }
}
