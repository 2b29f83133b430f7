import { Context, heartbeat } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { classifyPostgresError } from '../db/classify-postgres-error.js';
import { touchGitHubInstallation } from '../db/repositories/github-installations.repository.js';
import { findRepositoriesToRemove, forgetIndexedBranches } from '../db/repositories/repositories.repository.js';
import { listIndexedBranches } from '../db/repositories/repository-branches.repository.js';
import { repoIdForGitHubRepository } from '../identity/repo-ids.js';
import type { ListRemovalTargetsInput, ListRemovalTargetsResult, RemovalTarget } from '../shared/repository-removal.js';
import type { ActivityDeps } from './activity-deps.js';

/** How long a removal waits for cancelled indexing runs to stop writing before it deletes their graphs. */
const STOP_WAIT_MS = 60_000;

async function listTargets(deps: Pick<ActivityDeps, 'db'>, input: ListRemovalTargetsInput): Promise<RemovalTarget[]> {
  const rows = await findRepositoriesToRemove(deps.db, {
    githubRepoIds: input.github_repo_ids,
    installationId: input.installation_id ?? null,
  });
  const targets = new Map<string, RemovalTarget>();
  for (const row of rows) {
    const branches = input.branch != null ? [input.branch] : await listIndexedBranches(deps.db, row.id);
    targets.set(row.id, { repo_id: row.id, github_repo_id: row.github_repo_id, branches });
  }
  // A repository named by the event but never recorded may still have a graph under its derived id.
  for (const githubRepoId of input.github_repo_ids) {
    const repoId = repoIdForGitHubRepository(githubRepoId);
    if (!targets.has(repoId) && !rows.some((r) => r.github_repo_id === githubRepoId)) {
      targets.set(repoId, {
        repo_id: repoId,
        github_repo_id: githubRepoId,
        branches: input.branch != null ? [input.branch] : [],
      });
    }
  }
  return [...targets.values()].sort((a, b) => a.repo_id.localeCompare(b.repo_id));
}

async function runningIndexingIds(client: Client, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  const query = `WorkflowType = 'RepoIndexingWorkflow' AND ExecutionStatus = 'Running' AND WorkflowId STARTS_WITH '${prefix.replace(/'/g, "\\'")}'`;
  for await (const wf of client.workflow.list({ query, pageSize: 100 })) {
    ids.push(wf.workflowId);
    if (ids.length >= 1000) break;
  }
  return ids;
}

async function cancelAndWait(client: Client, workflowIds: readonly string[]): Promise<number> {
  const deadline = Date.now() + STOP_WAIT_MS;
  let cancelled = 0;
  const waits: Promise<unknown>[] = [];
  for (const workflowId of new Set(workflowIds)) {
    const handle = client.workflow.getHandle(workflowId);
    try {
      const { status } = await handle.describe();
      if (status.name !== 'RUNNING') continue;
      await handle.cancel();
      cancelled++;
      waits.push(handle.result().catch(() => undefined));
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
  }
  const timer = setInterval(() => heartbeat({ waiting: waits.length }), 5_000);
  try {
    await Promise.race([
      Promise.all(waits),
      new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now()))),
    ]);
  } finally {
    clearInterval(timer);
  }
  return cancelled;
}

/**
 * The activities of RepositoryRemovalWorkflow: find what a removal covers, stop the indexing runs of those
 * branches, delete their graphs, forget their metadata. Each is idempotent, so a retried removal converges.
 */
export function createRemovalActivities(deps: Pick<ActivityDeps, 'db' | 'graph'>) {
  return {
    /** The repositories and branches a removal event covers, from PostgreSQL. */
    async listRemovalTargets(input: ListRemovalTargetsInput): Promise<ListRemovalTargetsResult> {
      try {
        return { targets: await listTargets(deps, input) };
      } catch (error) {
        throw classifyPostgresError(error);
      }
    },
    /**
     * Cancels the running indexing workflows of the given ids and of every running one whose id starts with
     * `prefix` (branches whose first run has not recorded anything yet), and waits (bounded) until they stop.
     */
    async stopIndexingRuns(input: { workflow_ids: string[]; prefix: string | null }): Promise<{ cancelled: number }> {
      const client = Context.current().client;
      const listed = input.prefix == null ? [] : await runningIndexingIds(client, input.prefix);
      return { cancelled: await cancelAndWait(client, [...input.workflow_ids, ...listed]) };
    },
    /** Deletes the graph of one branch of a repository, or of all its branches (`branch` null). */
    async deleteBranchGraph(input: { repo_id: string; branch: string | null }): Promise<{ nodes_deleted: number }> {
      try {
        return { nodes_deleted: await deps.graph.deleteGraph({ repoId: input.repo_id, branch: input.branch }) };
      } catch (error) {
        throw deps.graph.classifyError(error);
      }
    },
    /** Forgets the snapshots, files and branch rows of one branch or of all, and a deleted installation. */
    async forgetIndexedBranches(input: {
      repo_id: string;
      branch: string | null;
      installation_id: number | null;
    }): Promise<void> {
      try {
        await forgetIndexedBranches(deps.db, input.repo_id, input.branch);
        if (input.installation_id != null) await touchGitHubInstallation(deps.db, input.installation_id);
      } catch (error) {
        throw classifyPostgresError(error);
      }
    },
  };
}

/** The removal activities' type, for `proxyActivities<RemovalActivities>` in workflows. */
export type RemovalActivities = ReturnType<typeof createRemovalActivities>;
