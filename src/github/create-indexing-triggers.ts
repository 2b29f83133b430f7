import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { Driver } from 'neo4j-driver';
import type { Database } from '../db/database.js';
import { deleteRepoGraph } from '../graph/delete-repo-graph.js';
import { repoIndexingWorkflowId } from '../shared/repo-indexing.js';
import { startRepoIndexing } from '../temporal/start-repo-indexing.js';
import type { IndexingTriggers, RemovedRepository } from './indexing-triggers.js';
import { markRepositoriesRemoved, type RemovedRepositoryRow } from '../db/repositories/removed-repositories.repository.js';
import { recordGitHubInstallation } from '../db/repositories/github-installations.repository.js';
import { startInstallationIndexing } from '../temporal/start-installation-indexing.js';
import type { Log } from './trigger-queue.js';
import { repoIdForGitHubRepository, upsertGitHubRepository } from '../db/repositories/github-repositories.repository.js';

/** What the real triggers talk to; the server builds these once. */
export interface IndexingTriggerDeps {
  client: Client;
  db: Kysely<Database>;
  graph: Driver;
  neo4jDatabase: string;
  taskQueue: string;
  log: Log;
  /** How long a removal waits for a cancelled indexing run to stop before deleting its graph. */
  cancelWaitMs?: number;
}

/** The webhook triggers wired to Temporal (workflow starts), Postgres (rows) and Neo4j (graph removal). */
export function createIndexingTriggers(deps: IndexingTriggerDeps): IndexingTriggers {
  const { client, db, taskQueue } = deps;
  const remove = async (rows: RemovedRepositoryRow[], named: RemovedRepository[]): Promise<void> => {
    const targets = new Map(rows.map((r) => [r.repo_id, r]));
    for (const repo of named) {
      const repoId = repoIdForGitHubRepository(repo.github_repo_id);
      if (!rows.some((r) => r.github_repo_id === repo.github_repo_id)) {
        targets.set(repoId, { repo_id: repoId, github_repo_id: repo.github_repo_id, default_branch: '' });
      }
    }
    for (const target of targets.values()) {
      if (target.default_branch !== '') await stopIndexing(deps, target);
      const deleted = await deleteRepoGraph(deps.graph, { repoId: target.repo_id, database: deps.neo4jDatabase });
      deps.log.info(`removed the graph of repository ${target.github_repo_id} (${target.repo_id}): ${deleted} nodes`);
    }
  };
  return {
    recordInstallation: (account) => recordGitHubInstallation(db, account),
    indexInstallation: async (trigger) => {
      const key = trigger.repository_ids == null ? undefined : trigger.delivery_id;
      await startInstallationIndexing(
        client,
        { installation_id: trigger.installation_id, repository_ids: trigger.repository_ids },
        { taskQueue, key },
      );
    },
    indexPush: async (trigger) => {
      const repoId = await upsertGitHubRepository(db, trigger.installation_id, trigger.repository);
      await startRepoIndexing(
        client,
        {
          installation_id: trigger.installation_id,
          user_id: null,
          repository: {
            github_repo_name: trigger.repository.full_name,
            github_repo_id: trigger.repository.github_repo_id,
            repo_id: repoId,
            repo_url: trigger.repository.clone_url,
            commit_sha: trigger.commit_sha,
            default_branch: trigger.branch,
          },
        },
        { taskQueue },
      );
    },
    removeRepositories: async (_installationId, repositories) => {
      const rows = await markRepositoriesRemoved(db, { githubRepoIds: repositories.map((r) => r.github_repo_id) });
      await remove(rows, repositories);
    },
    removeInstallation: async (installationId, repositories) => {
      const rows = await markRepositoriesRemoved(db, {
        githubRepoIds: repositories.map((r) => r.github_repo_id),
        wholeInstallationId: installationId,
      });
      await remove(rows, repositories);
    },
  };
}

/** Cancels a running indexing run of the repository and waits (bounded) for it to stop writing. */
async function stopIndexing(deps: IndexingTriggerDeps, row: RemovedRepositoryRow): Promise<void> {
  const workflowId = repoIndexingWorkflowId({
    github_repo_id: row.github_repo_id,
    repo_id: row.repo_id,
    default_branch: row.default_branch,
  });
  const handle = deps.client.workflow.getHandle(workflowId);
  try {
    const { status } = await handle.describe();
    if (status.name !== 'RUNNING') return;
    await handle.cancel();
    await Promise.race([
      handle.result().catch(() => undefined),
      new Promise((resolve) => setTimeout(resolve, deps.cancelWaitMs ?? 60_000).unref()),
    ]);
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
  }
}
