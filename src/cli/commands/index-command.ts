import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import { readConfig, type Config } from '../../config/read-config.js';
import {
  INDEXING_PROGRESS_QUERY,
  type IndexingProgress,
  type RepoIndexingResult,
  type RepositoryRef,
} from '../../shared/repo-indexing.js';
import { browserLink, noAuthBoltUri } from '../../queries/browser-snippet.js';
import { EXIT, reportError, type Command } from '../command.js';

const STACK = fileURLToPath(new URL('../../../scripts/stack', import.meta.url));
/** How long a worker that DescribeTaskQueue reports gets to take the run before this process starts its own. */
const PICKUP_TIMEOUT_MS = 10_000;

/** Where to look at a run: Neo4j Browser with a ready query, and the Temporal UI page of the run. */
export function indexLinks(config: Config, repository: RepositoryRef, workflowId: string, runId: string) {
  const cypher = `MATCH p = (f:FileNode {repo_id: '${repository.repo_id}'})-[:HAS_SYMBOL]->(:SymbolNode) RETURN p LIMIT 150`;
  const ui = config.temporal.uiUrl.replace(/\/+$/, '');
  return {
    cypher,
    neo4jBrowser: browserLink(config.neo4j.browserUrl, cypher, noAuthBoltUri(config.neo4j)),
    temporalUi: `${ui}/namespaces/${encodeURIComponent(config.temporal.namespace)}/workflows/${encodeURIComponent(workflowId)}/${runId}/history`,
  };
}

/** The human summary of a finished run. */
export function formatIndexSummary(result: RepoIndexingResult, links: ReturnType<typeof indexLinks>): string {
  const lines: string[] = [];
  if (result.status === 'skipped') {
    const sha = result.current_sha?.slice(0, 12) ?? '?';
    lines.push(
      `${result.repo}: nothing to do (${result.reason}): ${sha} is already indexed. Use --force to index it again.`,
    );
  } else {
    const s = result.stats;
    lines.push(`${result.repo} @ ${result.commit_sha?.slice(0, 12)}: indexed`);
    lines.push(
      `  files          ${s.total_files} (${s.indexed_files} indexed, ${s.skipped_files} skipped, ${s.failed_files} failed)`,
    );
    lines.push(`  symbols        ${s.total_symbols}`);
    lines.push(
      `  graph          ${s.nodes} nodes, ${s.relationships} relationships (${s.imports_edges} IMPORTS, ${s.calls_edges} CALLS)`,
    );
    const steps = Object.entries(s.step_millis).map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)}s`);
    lines.push(`  time per step  ${steps.join(', ')}`);
  }
  lines.push('', `Neo4j Browser: ${links.neo4jBrowser}`, `Temporal UI:   ${links.temporalUi}`);
  return `${lines.join('\n')}\n`;
}

function ensureStack(): boolean {
  if (spawnSync('bash', [STACK, 'status'], { stdio: 'ignore' }).status === 0) return true;
  process.stderr.write('Starting the local stack (scripts/stack up)…\n');
  return spawnSync('bash', [STACK, 'up'], { stdio: ['ignore', process.stderr, process.stderr] }).status === 0;
}

async function watchProgress(client: Client, workflowId: string, done: Promise<unknown>): Promise<void> {
  let running = '';
  const printed = new Set<string>();
  const poll = async () => {
    try {
      const p = await client.workflow.getHandle(workflowId).query<IndexingProgress>(INDEXING_PROGRESS_QUERY);
      for (const [name, millis] of Object.entries(p.step_millis)) {
        // Keyed by commit too: a continue-as-new run for a newer commit repeats the step names.
        const key = `${p.commit_sha}:${name}`;
        if (printed.has(key)) continue;
        printed.add(key);
        const counts = p.step_counts?.[name];
        const seconds = (millis / 1000).toFixed(1).padStart(6);
        process.stderr.write(`  ✓ ${name.padEnd(17)}${seconds}s${counts ? `  ${counts}` : ''}\n`);
      }
      if (p.step !== running && p.step !== 'done' && p.step_millis[p.step] == null) {
        process.stderr.write(`  … ${p.step}\n`);
      }
      running = p.step;
    } catch {
      // The run may be between continue-as-new runs or not picked up yet; the next poll tries again.
    }
  };
  let finished = false;
  void done.finally(() => (finished = true));
  while (!finished) {
    await poll();
    await Promise.race([done.catch(() => undefined), new Promise((r) => setTimeout(r, 500))]);
  }
  await poll();
}

async function startLocalWorker(config: Config) {
  const { createWorker, createWorkerResources } = await import('../../worker.js');
  // The run's progress and summary are this command's output; the SDK's routine INFO lines would bury them.
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const resources = await createWorkerResources(config);
  const worker = await createWorker({ config, connection, activityDeps: resources.activityDeps });
  const running = worker.run();
  return async () => {
    worker.shutdown();
    await running.catch(() => undefined);
    await resources.close();
    await connection.close();
  };
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      branch: { type: 'string' },
      commit: { type: 'string' },
      force: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  if (positionals.length !== 1)
    return reportError('expected one repository', "run 'repograph index <git-url-or-path>'", EXIT.usage);
  const config = readConfig();
  if (!ensureStack())
    return reportError(
      'the local services did not start',
      "run 'repograph stack status' and 'repograph stack logs'",
      EXIT.unavailable,
    );
  const { repositoryRefForSource } = await import('../../identity/repository-ref-for-source.js');
  const { createTemporalClient } = await import('../../temporal/create-temporal-client.js');
  const { startRepoIndexing } = await import('../../temporal/start-repo-indexing.js');
  const { hasTaskQueuePollers } = await import('../../temporal/has-task-queue-pollers.js');
  const { waitForWorkflowPickup } = await import('../../temporal/wait-for-workflow-pickup.js');
  const repository = await repositoryRefForSource(positionals[0]!, values.branch ?? null, config.work.workDir);
  const client = await createTemporalClient(config.temporal);
  let stopWorker = (await hasTaskQueuePollers(client, config.temporal.taskQueue))
    ? null
    : await startLocalWorker(config);
  try {
    const input = {
      installation_id: null,
      user_id: null,
      repository: { ...repository, commit_sha: values.commit ?? null },
      force: values.force === true,
    };
    const started = await startRepoIndexing(client, input, { taskQueue: config.temporal.taskQueue });
    // The pollers DescribeTaskQueue reported may belong to a worker that has just stopped.
    if (stopWorker == null && !(await waitForWorkflowPickup(started.handle, PICKUP_TIMEOUT_MS))) {
      stopWorker = await startLocalWorker(config);
    }
    const tty = process.stderr.isTTY && values.json !== true;
    if (tty)
      process.stderr.write(
        `Indexing ${repository.github_repo_name} (${repository.default_branch}) as ${started.workflowId}${stopWorker ? ' with an in-process worker' : ''}\n`,
      );
    const result = started.handle.result();
    if (tty) await watchProgress(client, started.workflowId, result);
    const outcome = await result;
    const links = indexLinks(config, repository, started.workflowId, started.runId);
    process.stdout.write(
      values.json === true
        ? `${JSON.stringify({ ...outcome, workflow_id: started.workflowId, links }, null, 2)}\n`
        : formatIndexSummary(outcome, links),
    );
    return EXIT.ok;
  } finally {
    await stopWorker?.();
    await client.connection.close();
  }
}

/** `repograph index <git-url-or-path>`: the main job, from a repository to a graph you can open. */
export const indexCommand: Command = {
  summary: 'Index a git repository (URL or local path) into the knowledge graph and print where to look',
  help: `Usage: repograph index <git-url-or-path> [--branch <b>] [--commit <sha>] [--force] [--json]

Starts the local stack if it is not running, runs a worker in this process when none polls the queue, runs
RepoIndexingWorkflow (precheck, clone, parse, knowledge graph, metadata, stale cleanup) and prints the counts,
the time per step, a Neo4j Browser link with a ready query and the Temporal UI link of the run.
Local paths index their committed HEAD (or --branch), never uncommitted changes.

Options:
  --branch <b>    branch to index (default: the repository's HEAD branch)
  --commit <sha>  index this exact commit
  --force         index even when the commit is already indexed
  --json          print the workflow result as JSON (no progress lines)

Examples:
  repograph index https://github.com/pallets/itsdangerous
  repograph index ~/src/myproject --branch develop
  npm run index -- . --force`,
  async run(argv) {
    try {
      return await run(argv);
    } catch (error) {
      const message =
        error instanceof Error
          ? error.cause instanceof Error
            ? `${error.message}: ${error.cause.message}`
            : error.message
          : String(error);
      return reportError(
        `indexing failed: ${message}`,
        "check the repository and 'repograph stack status'; the Temporal UI shows the failed step",
      );
    }
  },
};
