import path from 'node:path';
import { activityInfo } from '@temporalio/activity';
import type { PersistGraphInput, PersistGraphResult } from '../shared/indexing-steps.js';
import type { ActivityDeps } from './activity-deps.js';
import { heartbeatWhile } from './heartbeat-while.js';
import { runStep } from './run-step.js';

/**
 * Knowledge-graph step (parity §2.4, fixed): builds the graph files from `parsed.ndjson` into the work dir, MERGEs
 * them into Neo4j stamped with this workflow run's id, then sweeps the repository's nodes and relationships the
 * run did not stamp (files removed since the last run). Nothing is deleted before the write (C22), so readers
 * never see an empty graph; a retry after a crash rewrites the same ids and ends with the same graph.
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
        completed: (r) => ({ nodes: r.nodes, relationships: r.relationships, nodes_swept: r.nodes_swept }),
        classify: deps.graph.classifyError,
      },
      async () => {
        const graphDir = path.join(input.work_dir, 'graph');
        return heartbeatWhile(async (onProgress) => {
          const built = await deps.graph.buildGraph({
            parsedPath: input.parsed_path,
            repoRoot: input.local_path,
            outDir: graphDir,
            repoId: input.repo_id,
            githubRepoId: input.github_repo_id,
            commitSha: input.commit_sha,
          });
          await deps.graph.writeGraph({ graphDir, repoId: input.repo_id, runId, onProgress });
          const swept = await deps.graph.sweepRepoGraph({ repoId: input.repo_id, runId });
          return {
            nodes: built.nodes,
            relationships: built.relationships,
            imports_edges: built.importsEdges,
            calls_edges: built.callsEdges,
            nodes_swept: swept,
          };
        });
      },
    );
  };
}
