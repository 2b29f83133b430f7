import { activityInfo } from '@temporalio/activity';
import { classifyPostgresError, isPostgresError } from '../db/classify-postgres-error.js';
import type { PersistGraphInput, PersistGraphResult } from '../shared/indexing-steps.js';
import type { ActivityDeps } from './activity-deps.js';
import { heartbeatWhile } from './heartbeat-while.js';
import { runStep } from './run-step.js';
import { updateBranchGraph } from './update-branch-graph.js';

/**
 * Knowledge-graph step: brings the branch's graph in Neo4j to the commit, writing only what differs from what it
 * holds (the fragments of what the commit changed and of what that affects; everything, compared, when the
 * branch has no usable graph or `full` is asked). Nothing is deleted before it is replaced, so readers never
 * see an empty graph; a retry after a crash recomputes the same difference from what Neo4j holds then.
 */
export function createPersistKnowledgeGraph(deps: ActivityDeps) {
  return async function persistKnowledgeGraph(input: PersistGraphInput): Promise<PersistGraphResult> {
    return runStep(
      deps.db,
      input.event_context,
      {
        name: 'persistKnowledgeGraph',
        startedMessage: `persisting KG of ${input.commit_sha.slice(0, 12)} (attempt ${activityInfo().attempt})`,
        completed: (r) => ({
          mode: r.mode,
          full_reason: r.full_reason,
          nodes: r.nodes,
          relationships: r.relationships,
          files_resolved: r.files_resolved,
          elements_written: r.elements_written,
          elements_deleted: r.elements_deleted,
        }),
        // The step talks to PostgreSQL (state, cache, reverse index) and Neo4j; each error to its classifier.
        classify: (error) => (isPostgresError(error) ? classifyPostgresError(error) : deps.graph.classifyError(error)),
      },
      async () => {
        await deps.graph.checkReachable();
        return heartbeatWhile((onProgress) => updateBranchGraph(deps, input, onProgress));
      },
    );
  };
}
