import { repositoryRefOf } from '../../../src/github/github-repository.js';
import { repoIndexingWorkflowId } from '../../../src/shared/workflow-ids.js';
import type { RepoIndexingResult } from '../../../src/shared/repo-indexing.js';
import { startRepoIndexing } from '../../../src/temporal/start-repo-indexing.js';
import { diffLines, dumpBranchFiles, dumpBranchGraph, type GraphDump } from '../incremental/graph-dump.js';
import type { PushRecord } from './run-soak.js';
import { pushCommit } from './soak-repos.js';
import type { SoakRepo, SoakStack } from './soak-stack.js';

/** The branch the soak rebuilds each repository's last commit on, from nothing, to compare with. */
export const REBUILD_BRANCH = 'soak-rebuild';

/** One workflow execution (run) of a repository's indexing workflow. */
export interface SoakExecution {
  runId: string;
  status: string;
  startTime: number;
  closeTime: number | null;
}

/** One run's snapshot: the commit it indexed (as a position in the pushed sequence, -1 if never pushed). */
export interface SoakSnapshot {
  commit: number;
  sha: string | null;
  runId: string | null;
  createdAt: number;
}

/** A repository's end state. */
export interface SoakRepoOutcome {
  fullName: string;
  lastPushed: string;
  pushes: number;
  /** `repository_branches.indexed_commit_sha` of `main`. */
  indexedSha: string | null;
  /** `commit_sha` of the graph's root directory node. */
  rootSha: string | null;
  snapshots: SoakSnapshot[];
  executions: SoakExecution[];
  nodes: number;
  relationships: number;
  rebuild: { status: string; nodes: number; relationships: number };
  /** What differs between the soaked graph (and indexed_files) and the rebuild of the same commit. */
  diff: { nodes: Diff; rels: Diff; files: Diff };
}

type Diff = { onlyA: string[]; onlyB: string[] };

/** A log line at warn or error level (or unparsable text on the process's output). */
export interface SoakLogLine {
  process: 'server' | 'worker';
  level: string;
  message: string;
}

/** What the soak found once the runs settled. */
export interface SoakOutcome {
  repos: SoakRepoOutcome[];
  outbox: { deliveryId: string | null; status: string; attempts: number }[];
  logs: SoakLogLine[];
}

function rootCommit(dump: GraphDump): string | null {
  const line = dump.nodes.find((l) => l.includes('"relative_path":"."'));
  return line == null ? null : (dump.commits.get(line.split(' ')[0]!) ?? null);
}

async function listExecutions(stack: SoakStack, workflowId: string): Promise<SoakExecution[]> {
  // Visibility is eventually consistent: wait (bounded) until it lists no run as still open.
  let executions: SoakExecution[] = [];
  for (let i = 0; i < 40; i++) {
    executions = [];
    for await (const e of stack.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
      executions.push({
        runId: e.runId,
        status: e.status.name,
        startTime: e.startTime.getTime(),
        closeTime: e.closeTime?.getTime() ?? null,
      });
    }
    if (executions.every((e) => e.status !== 'RUNNING')) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return executions.sort((a, b) => a.startTime - b.startTime);
}

async function rebuild(stack: SoakStack, repo: SoakRepo, sha: string): Promise<RepoIndexingResult> {
  await pushCommit(repo.commits, repo.bareDir, sha, REBUILD_BRANCH);
  const started = await startRepoIndexing(
    stack.client,
    {
      installation_id: stack.installationId,
      user_id: null,
      repository: repositoryRefOf(repo.github, { branch: REBUILD_BRANCH, commitSha: sha }),
      full: true,
    },
    { taskQueue: stack.config.temporal.taskQueue },
  );
  return started.handle.result();
}

async function repoOutcome(stack: SoakStack, repo: SoakRepo, pushes: number): Promise<SoakRepoOutcome> {
  const { db } = stack.db;
  const lastPushed = repo.commits.shas.at(-1)!;
  const branch = await db
    .selectFrom('repository_branches')
    .select(['indexed_commit_sha', 'node_count', 'relationship_count'])
    .where('repository_id', '=', repo.repoId)
    .where('branch', '=', 'main')
    .executeTakeFirst();
  const snapshots = await db
    .selectFrom('repo_snapshots')
    .select(['commit_sha', 'workflow_run_id', 'created_at'])
    .where('repository_id', '=', repo.repoId)
    .where('branch', '=', 'main')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const workflowId = repoIndexingWorkflowId({ ...repo.github, repo_id: repo.repoId });
  const executions = await listExecutions(stack, workflowId);
  const rebuilt = await rebuild(stack, repo, lastPushed);
  const database = stack.config.neo4j.database;
  const [a, b] = await Promise.all([
    dumpBranchGraph(stack.graph, database, repo.repoId, 'main'),
    dumpBranchGraph(stack.graph, database, repo.repoId, REBUILD_BRANCH),
  ]);
  const [fa, fb] = await Promise.all([
    dumpBranchFiles(db, repo.repoId, 'main'),
    dumpBranchFiles(db, repo.repoId, REBUILD_BRANCH),
  ]);
  return {
    fullName: repo.github.full_name,
    lastPushed,
    pushes,
    indexedSha: branch?.indexed_commit_sha ?? null,
    rootSha: rootCommit(a),
    snapshots: snapshots.map((s) => ({
      commit: s.commit_sha == null ? -1 : repo.commits.shas.indexOf(s.commit_sha),
      sha: s.commit_sha,
      runId: s.workflow_run_id,
      createdAt: s.created_at.getTime(),
    })),
    executions,
    nodes: a.nodes.length,
    relationships: a.rels.length,
    rebuild: { status: rebuilt.status, nodes: b.nodes.length, relationships: b.rels.length },
    diff: { nodes: diffLines(a.nodes, b.nodes), rels: diffLines(a.rels, b.rels), files: diffLines(fa, fb) },
  };
}

// What `repograph serve` prints for people at start; everything else it writes is JSON log lines.
const SERVE_BANNER = /^(repograph serve listening on | {2}webhooks off: | {2}\/api\/\* off: )/;

function problemLines(process: SoakLogLine['process'], output: readonly string[]): SoakLogLine[] {
  const lines: SoakLogLine[] = [];
  for (const line of output.join('').split('\n')) {
    if (line.trim() === '') continue;
    if (!line.startsWith('{')) {
      if (!SERVE_BANNER.test(line)) lines.push({ process, level: 'text', message: line });
      continue;
    }
    let entry: { level?: string };
    try {
      entry = JSON.parse(line) as { level?: string };
    } catch {
      lines.push({ process, level: 'text', message: line });
      continue;
    }
    if (entry.level === 'warn' || entry.level === 'error') {
      lines.push({ process, level: entry.level, message: line });
    }
  }
  return lines;
}

/**
 * Reads the end state once the runs settled: per repository its branch row, snapshots, workflow runs, and its
 * graph compared with a full rebuild of its last pushed commit; the outbox; warn and error log lines.
 */
export async function collectSoakOutcome(stack: SoakStack, pushes: readonly PushRecord[]): Promise<SoakOutcome> {
  const repos: SoakRepoOutcome[] = [];
  for (const [i, repo] of stack.repos.entries()) {
    repos.push(await repoOutcome(stack, repo, pushes.filter((p) => p.repo === i).length));
  }
  const outbox = await stack.db.db
    .selectFrom('trigger_outbox')
    .select(['delivery_id', 'status', 'attempts'])
    .orderBy('id')
    .execute();
  return {
    repos,
    outbox: outbox.map((o) => ({ deliveryId: o.delivery_id, status: o.status, attempts: o.attempts })),
    logs: [...problemLines('server', stack.server.output), ...problemLines('worker', stack.worker.output)],
  };
}
