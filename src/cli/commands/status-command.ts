import type { Client } from '@temporalio/client';
import type { Driver } from 'neo4j-driver';
import { readConfig, type Config } from '../../config/read-config.js';
import type { RepositoryRow } from '../../db/tables/repositories.table.js';
import type { RepoSnapshotRow } from '../../db/tables/repo-snapshots.table.js';
import { defineCommand, EXIT, reportError, type CommandArgs } from '../command.js';

interface BranchStatus {
  branch: string;
  indexed_commit_sha: string | null;
  last_indexed_at: Date | null;
  graph: { nodes: number; relationships: number };
  snapshots: Pick<RepoSnapshotRow, 'commit_sha' | 'created_at' | 'file_count' | 'symbol_count' | 'node_count'>[];
}

interface RepoStatus {
  repository: Pick<RepositoryRow, 'id' | 'github_repo_name' | 'default_branch' | 'source_url' | 'last_indexed_at'>;
  branches: BranchStatus[];
}

interface RunningWorkflow {
  workflow_id: string;
  run_id: string;
  started: string | null;
}

async function graphCounts(
  driver: Driver,
  config: Config,
  repoId: string,
  branch: string,
): Promise<BranchStatus['graph']> {
  const session = driver.session({ database: config.neo4j.database, defaultAccessMode: 'READ' });
  try {
    const params = { repoId, branch };
    const nodes = await session.run(
      'MATCH (n:KGNode {repo_id: $repoId, branch: $branch}) RETURN count(n) AS n',
      params,
    );
    const rels = await session.run(
      'MATCH (:KGNode {repo_id: $repoId, branch: $branch})-[r]->() RETURN count(r) AS n',
      params,
    );
    return { nodes: Number(nodes.records[0]?.get('n') ?? 0), relationships: Number(rels.records[0]?.get('n') ?? 0) };
  } finally {
    await session.close();
  }
}

async function runningWorkflows(client: Client): Promise<RunningWorkflow[]> {
  const running: RunningWorkflow[] = [];
  const query = `WorkflowType = 'RepoIndexingWorkflow' AND ExecutionStatus = 'Running'`;
  for await (const wf of client.workflow.list({ query, pageSize: 50 })) {
    running.push({ workflow_id: wf.workflowId, run_id: wf.runId, started: wf.startTime?.toISOString() ?? null });
    if (running.length >= 50) break;
  }
  return running;
}

function formatStatus(repos: RepoStatus[], running: RunningWorkflow[]): string {
  const lines: string[] = [];
  for (const { repository: r, branches } of repos) {
    lines.push(`${r.github_repo_name}  id ${r.id}  (default branch ${r.default_branch})`);
    if (r.source_url != null) lines.push(`  source         ${r.source_url}`);
    if (branches.length === 0) lines.push('  no branch indexed yet');
    for (const b of branches) {
      const at = b.last_indexed_at?.toISOString() ?? 'never';
      lines.push(`  branch ${b.branch}  at ${b.indexed_commit_sha?.slice(0, 12) ?? '?'}  (indexed ${at})`);
      lines.push(`    graph        ${b.graph.nodes} nodes, ${b.graph.relationships} relationships`);
      for (const s of b.snapshots) {
        lines.push(
          `    snapshot     ${s.commit_sha?.slice(0, 12) ?? '(no sha)'}  ${s.created_at.toISOString()}  ${s.file_count ?? '?'} files, ${s.symbol_count ?? '?'} symbols`,
        );
      }
    }
  }
  if (repos.length === 0) lines.push('No repositories indexed yet. Run: repograph index <git-url-or-path>');
  lines.push('', running.length === 0 ? 'No indexing workflow running.' : 'Running:');
  for (const wf of running) lines.push(`  ${wf.workflow_id}  run ${wf.run_id}  since ${wf.started ?? '?'}`);
  return `${lines.join('\n')}\n`;
}

const OPTIONS = { json: { type: 'boolean' }, branch: { type: 'string' } } as const;

async function run({ values, positionals }: CommandArgs<typeof OPTIONS>): Promise<number> {
  const config = readConfig();
  const { createDatabase } = await import('../../db/database.js');
  const { findRepositories } = await import('../../db/repositories/repositories.repository.js');
  const { listSnapshots } = await import('../../db/repositories/repo-snapshots.repository.js');
  const { listIndexedBranches, findRepositoryBranch } =
    await import('../../db/repositories/repository-branches.repository.js');
  const { createGraphDriver } = await import('../../graph/create-graph-driver.js');
  const { createTemporalClient } = await import('../../temporal/create-temporal-client.js');
  const db = createDatabase(config.postgres.url, 2);
  const driver = createGraphDriver(config.neo4j);
  const client = await createTemporalClient(config.temporal);
  try {
    const rows = await findRepositories(db, positionals[0] ?? null);
    const repos: RepoStatus[] = [];
    for (const row of rows) {
      const names = values.branch != null ? [values.branch] : await listIndexedBranches(db, row.id);
      const branches: BranchStatus[] = [];
      for (const branch of names) {
        const state = await findRepositoryBranch(db, row.id, branch);
        branches.push({
          branch,
          indexed_commit_sha: state?.indexed_commit_sha ?? null,
          last_indexed_at: state?.last_indexed_at ?? null,
          graph: await graphCounts(driver, config, row.id, branch),
          snapshots: await listSnapshots(db, row.id, { branch, limit: 3 }),
        });
      }
      repos.push({ repository: row, branches });
    }
    const running = await runningWorkflows(client);
    process.stdout.write(
      values.json === true
        ? `${JSON.stringify({ repositories: repos, running }, null, 2)}\n`
        : formatStatus(repos, running),
    );
    return EXIT.ok;
  } finally {
    await Promise.allSettled([db.destroy(), driver.close(), client.connection.close()]);
  }
}

/** `repograph status [repo] [--branch b]`: indexed branches, their graphs and snapshots, running workflows. */
export const statusCommand = defineCommand({
  help: `Usage: repograph status [repo] [--branch <b>] [--json]

[repo] is a repository id, name (owner/repo or directory name) or source URL; without it, all repositories.
Each indexed branch is listed with the commit its graph is at; --branch shows only that branch.

Examples:
  repograph status
  repograph status rg-demo --branch main --json`,
  options: OPTIONS,
  positionals: [0, 1],
  async run(args) {
    try {
      return await run(args);
    } catch (error) {
      return reportError(
        `status failed: ${error instanceof Error ? error.message : String(error)}`,
        "start the services with 'repograph stack up'",
        EXIT.unavailable,
      );
    }
  },
});
