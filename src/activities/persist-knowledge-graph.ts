import path from 'node:path';
import { activityInfo } from '@temporalio/activity';
import type { PersistGraphInput, PersistGraphResult } from '../shared/indexing-steps.js';
import type { ActivityDeps } from './activity-deps.js';
import { checkoutDirOf } from './clone-repo.js';
import { heartbeatWhile } from './heartbeat-while.js';
import { PARSED_FILE } from './parse-repo.js';
import { runStep } from './run-step.js';

/**
 * Knowledge-graph step: builds the graph files from `parsed.ndjson` into the work dir, MERGEs them into the
 * branch's graph stamped with this workflow run's id, then sweeps what the run did not stamp. Nothing is deleted
 * before the write, so readers never see an empty graph; a retry after a crash rewrites the same ids and ends
 * with the same graph.
 */
export function createPersistKnowledgeGraph(deps: ActivityDeps) {
  return async function persistKnowledgeGraph(input: PersistGraphInput): Promise<PersistGraphResult> {
    const runId = input.event_context.workflow_run_id;
    return runStep(
      deps.db,
      input.event_context,
      {
        name: 'persistKnowledgeGraph',
        startedMessage: `persisting KG of ${input.commit_sha.slice(0, 12)} (attempt ${activityInfo().attempt})`,
        completed: (r) => ({
          nodes: r.nodes,
          relationships: r.relationships,
          elements_written: r.elements_written,
          elements_deleted: r.elements_deleted,
        }),
        classify: deps.graph.classifyError,
      },
      async () => {
        const graphDir = path.join(input.work_dir, 'graph');
        return heartbeatWhile(async (onProgress) => {
          const unit = { repoId: input.repo_id, branch: input.branch };
          const built = await deps.graph.buildGraph({
            ...unit,
            parsedPath: path.join(input.work_dir, PARSED_FILE),
            repoRoot: checkoutDirOf(input.work_dir),
            outDir: graphDir,
            githubRepoId: input.github_repo_id,
            commitSha: input.commit_sha,
          });
          await deps.graph.writeGraph({ graphDir, repoId: input.repo_id, runId, onProgress });
          const swept = await deps.graph.sweepRepoGraph({ ...unit, runId });
          return {
            mode: 'full' as const,
            full_reason: 'always',
            nodes: built.nodes,
            relationships: built.relationships,
            imports_edges: built.importsEdges,
            calls_edges: built.callsEdges,
            files_resolved: 0,
            files_removed: 0,
            elements_written: built.nodes + built.relationships,
            elements_deleted: swept,
          };
        });
      },
    );
  };
}
