import { parseArgs } from 'node:util';
import type { Client } from '@temporalio/client';
import type { Driver } from 'neo4j-driver';
import { readConfig, type Config } from '../../config/read-config.js';
import type { RepositoryRow } from '../../db/tables/repositories.table.js';
import type { RepoSnapshotRow } from '../../db/tables/repo-snapshots.table.js';
import { EXIT, reportError, type Command } from '../command.js';

interface RepoStatus {
  repository: Pick<RepositoryRow, 'id' | 'github_repo_name' | 'default_branch' | 'source_url' | 'last_indexed_at'>;
  snapshots: Pick<RepoSnapshotRow, 'commit_sha' | 'created_at' | 'file_count' | 'symbol_count' | 'node_count'>[];
  graph: { nodes: number; relationships: number };
}

interface RunningWorkflow {
  workflow_id: string;
  run_id: string;
  started: string | null;
}

async function graphCounts(driver: Driver, config: Config, repoId: string): Promise<RepoStatus['graph']> {
  const session = driver.session({ database: config.neo4j.database, defaultAccessMode: 'READ' });
  try {
    const nodes = await session.run('MATCH (n:KGNode {repo_id: $repoId}) RETURN count(n) AS n', { repoId });
    const rels = await session.run('MATCH (:KGNode {repo_id: $repoId})-[r]->() RETURN count(r) AS n', { repoId });
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
  for (const { repository: r, snapshots, graph } of repos) {
    lines.push(`${r.github_repo_name} (${r.default_branch})  id ${r.id}`);
    if (r.source_url != null) lines.push(`  source         ${r.source_url}`);
    lines.push(`  graph          ${graph.nodes} nodes, ${graph.relationships} relationships`);
    lines.push(`  last indexed   ${r.last_indexed_at?.toISOString() ?? 'never'}`);
    for (const s of snapshots) {
      lines.push(
        `  snapshot       ${s.commit_sha?.slice(0, 12) ?? '(no sha)'}  ${s.created_at.toISOString()}  ${s.file_count ?? '?'} files, ${s.symbol_count ?? '?'} symbols`,
      );
    }
  }
  if (repos.length === 0) lines.push('No repositories indexed yet. Run: repograph index <git-url-or-path>');
  lines.push('', running.length === 0 ? 'No indexing workflow running.' : 'Running:');
  for (const wf of running) lines.push(`  ${wf.workflow_id}  run ${wf.run_id}  since ${wf.started ?? '?'}`);
  return `${lines.join('\n')}\n`;
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean' } },
  });
  if (positionals.length > 1)
    return reportError('expected at most one repository', "run 'repograph status [repo]'", EXIT.usage);
  const config = readConfig();
  const { createDatabase } = await import('../../db/database.js');
  const { findRepositories } = await import('../../db/repositories/repositories.repository.js');
  const { listSnapshots } = await import('../../db/repositories/repo-snapshots.repository.js');
  const { createGraphDriver } = await import('../../graph/create-graph-driver.js');
  const { createTemporalClient } = await import('../../temporal/create-temporal-client.js');
  const db = createDatabase(config.postgres.url, 2);
  const driver = createGraphDriver(config.neo4j);
  const client = await createTemporalClient(config.temporal);
  try {
    const rows = await findRepositories(db, positionals[0] ?? null);
    const repos: RepoStatus[] = [];
    for (const row of rows) {
      const snapshots = await listSnapshots(db, row.id, 3);
      repos.push({ repository: row, snapshots, graph: await graphCounts(driver, config, row.id) });
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

/** `repograph status [repo]`: latest snapshots, graph counts and running indexing workflows. */
export const statusCommand: Command = {
  summary: 'Show indexed repositories (latest snapshots, graph counts) and running indexing workflows',
  help: `Usage: repograph status [repo] [--json]

[repo] is a repository id, name (owner/repo or directory name) or source URL; without it, all repositories.

Examples:
  repograph status
  repograph status rg-demo --json`,
  async run(argv) {
    try {
      return await run(argv);
    } catch (error) {
      return reportError(
        `status failed: ${error instanceof Error ? error.message : String(error)}`,
        "start the services with 'repograph stack up'",
        EXIT.unavailable,
      );
    }
  },
};
