import type { ClaimWorkerQueueResult, RecordWorkflowEventInput } from '../shared/indexing-steps.js';
import type { ActivityDeps } from './activity-deps.js';
import { createCheckIndexingNeeded } from './check-indexing-needed.js';
import { createCleanupStaleGraphNodes } from './cleanup-stale-graph-nodes.js';
import { createCleanupWorkDir } from './cleanup-work-dir.js';
import { createCloneRepo } from './clone-repo.js';
import { createDescribeSource } from './describe-source.js';
import { createGitHubActivities } from './github-activities.js';
import { createParseRepo } from './parse-repo.js';
import { createPersistKnowledgeGraph } from './persist-knowledge-graph.js';
import { createPersistMetadata } from './persist-metadata.js';
import { recordRunEvent } from './record-run-event.js';
import { createRemovalActivities } from './removal-activities.js';

/**
 * Every activity of repograph's workflows, closed over the worker's dependencies. The worker registers the
 * whole object on both its queues (the shared one and its own), so any step a workflow schedules is found.
 */
export function createActivities(deps: ActivityDeps) {
  return {
    /** Returns the queue only this worker host polls; the workflow sends the work-dir steps there. */
    async claimWorkerQueue(): Promise<ClaimWorkerQueueResult> {
      return { task_queue: deps.workerTaskQueue };
    },
    /** Records a workflow-level event (`workflow_started/completed/failed`); never fails. */
    async recordWorkflowEvent(input: RecordWorkflowEventInput): Promise<void> {
      await recordRunEvent(deps.db, input.event_context, null, input.event_type, input.message, input.metadata);
    },
    describeSource: createDescribeSource(deps),
    checkIndexingNeeded: createCheckIndexingNeeded(deps),
    cloneRepo: createCloneRepo(deps),
    parseRepo: createParseRepo(deps),
    persistKnowledgeGraph: createPersistKnowledgeGraph(deps),
    persistMetadata: createPersistMetadata(deps),
    cleanupStaleGraphNodes: createCleanupStaleGraphNodes(deps),
    cleanupWorkDir: createCleanupWorkDir(deps),
    ...createGitHubActivities(deps),
    ...createRemovalActivities(deps),
  };
}

/** The activities' type, for `proxyActivities<Activities>` in workflows. */
export type Activities = ReturnType<typeof createActivities>;
