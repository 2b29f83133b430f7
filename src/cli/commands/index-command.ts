import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { readConfig, type Config } from '../../config/read-config.js';
import { isRemoteSource } from '../../git/normalise-source.js';
import { browserLink, noAuthBoltUri } from '../../queries/browser-snippet.js';
import {
  INDEXING_PROGRESS_QUERY,
  type IndexingProgress,
  type RepoIndexingResult,
  type RepositoryRef,
} from '../../shared/repo-indexing.js';
import { defineCommand, EXIT, reportError, type CommandArgs } from '../command.js';
import { Interrupted, onInterrupt } from '../on-interrupt.js';

/** How long a worker that DescribeTaskQueue reports gets to take the run before this process starts its own. */
const PICKUP_TIMEOUT_MS = 10_000;
/** How long the first Ctrl-C waits for the cancelled run to remove its work dir. */
const CANCEL_WAIT_MS = 60_000;

/** Where to look at a run: Neo4j Browser with a ready query, and the Temporal UI page of the run. */
export function indexLinks(config: Config, repository: RepositoryRef, workflowId: string, runId: string) {
  const cypher =
    `MATCH p = (f:FileNode {repo_id: '${repository.repo_id}', branch: '${repository.default_branch.replace(/'/g, "\\'")}'})` +
    '-[:HAS_SYMBOL]->(:SymbolNode) RETURN p LIMIT 150';
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
    lines.push(`${result.repo}@${result.branch} ${result.commit_sha?.slice(0, 12)}: indexed (${s.mode})`);
    lines.push(
      `  files          ${s.total_files} (${s.indexed_files} indexed, ${s.skipped_files} skipped, ${s.failed_files} failed)`,
    );
    lines.push(
      `  parsed         ${s.files_parsed} (${s.files_reused} reused from the cache, ${s.files_removed} removed)`,
    );
    lines.push(`  symbols        ${s.total_symbols}`);
    lines.push(
      `  graph          ${s.nodes} nodes, ${s.relationships} relationships (${s.imports_edges} IMPORTS, ${s.calls_edges} CALLS)`,
    );
    lines.push(
      `  written        ${s.elements_written} elements written, ${s.elements_deleted} deleted (${s.files_resolved} files resolved)`,
    );
    const steps = Object.entries(s.step_millis).map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)}s`);
    lines.push(`  time per step  ${steps.join(', ')}`);
  }
  lines.push('', `Neo4j Browser: ${links.neo4jBrowser}`, `Temporal UI:   ${links.temporalUi}`);
  return `${lines.join('\n')}\n`;
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

async function startLocalWorker(config: Config): Promise<() => Promise<void>> {
  const { startInProcessWorker } = await import('../in-process-worker.js');
  return startInProcessWorker(config);
}

async function describeSource(client: Client, config: Config, source: string, branch: string | null) {
  const handle = await client.workflow.start('DescribeSourceWorkflow', {
    workflowId: `describe-source-${randomUUID()}`,
    taskQueue: config.temporal.taskQueue,
    args: [{ source, branch }],
    workflowExecutionTimeout: '5m',
  });
  return handle;
}

const OPTIONS = {
  branch: { type: 'string' },
  commit: { type: 'string' },
  force: { type: 'boolean' },
  full: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

async function run({ values, positionals }: CommandArgs<typeof OPTIONS>): Promise<number> {
  const config = readConfig();
  const raw = positionals[0]!;
  // A relative path means the caller's directory, which a worker elsewhere does not share.
  const local = !isRemoteSource(raw) && !/^file:/i.test(raw);
  const source = local ? path.resolve(raw) : raw;
  // Before the services start, which can take minutes the first time.
  if (local && !existsSync(source)) {
    return reportError(`${source} does not exist`, 'pass the path of a git repository, or its URL', EXIT.usage);
  }
  const { ensureLocalServices, ServicesUnavailable } = await import('../../stack/ensure-local-services.js');
  try {
    await ensureLocalServices(config, { progress: (line) => process.stderr.write(`${line}\n`) });
  } catch (error) {
    if (!(error instanceof ServicesUnavailable)) throw error;
    return reportError(error.message, error.how, EXIT.unavailable);
  }
  const { createTemporalClient } = await import('../../temporal/create-temporal-client.js');
  const { startRepoIndexing } = await import('../../temporal/start-repo-indexing.js');
  const { hasTaskQueuePollers } = await import('../../temporal/has-task-queue-pollers.js');
  const { waitForWorkflowPickup } = await import('../../temporal/wait-for-workflow-pickup.js');
  const client = await createTemporalClient(config.temporal).catch(() => null);
  if (client == null)
    return reportError(
      `Temporal is not reachable at ${config.temporal.address}`,
      "check that TEMPORAL_ADDRESS names a Temporal server, and 'npm run stack -- status'",
      EXIT.unavailable,
    );
  const resume = `Run 'repograph index ${JSON.stringify(raw)}${values.branch ? ` --branch ${values.branch}` : ''}' to index it again.`;
  const interrupt = onInterrupt({ resume, cancelWaitMs: CANCEL_WAIT_MS });
  let stopWorker: (() => Promise<void>) | null = null;
  try {
    // Inside the try: a worker that fails to start must still let the client close, or the process never exits.
    if (!(await hasTaskQueuePollers(client, config.temporal.taskQueue))) stopWorker = await startLocalWorker(config);
    const describe = await describeSource(client, config, source, values.branch ?? null);
    // The pollers DescribeTaskQueue reported may belong to a worker that has just stopped.
    if (stopWorker == null && !(await waitForWorkflowPickup(describe, PICKUP_TIMEOUT_MS))) {
      stopWorker = await startLocalWorker(config);
    }
    const repository = (await describe.result()) as RepositoryRef;
    const input = {
      installation_id: null,
      user_id: null,
      repository: { ...repository, commit_sha: values.commit ?? null },
      force: values.force === true || values.full === true,
      full: values.full === true,
    };
    const started = await startRepoIndexing(client, input, { taskQueue: config.temporal.taskQueue });
    const links = indexLinks(config, repository, started.workflowId, started.runId);
    interrupt.watch(started.handle, started.workflowId, `see 'repograph status' or ${links.temporalUi}`);
    const tty = process.stderr.isTTY && values.json !== true;
    process.stderr.write(
      `Indexing ${repository.github_repo_name} (${repository.default_branch}) as ${started.workflowId}${stopWorker ? ' with an in-process worker' : ''}\n`,
    );
    const result = started.handle.result();
    if (tty) await Promise.race([watchProgress(client, started.workflowId, result), interrupt.interrupted]);
    const outcome = await Promise.race([result, interrupt.interrupted]);
    process.stdout.write(
      values.json === true
        ? `${JSON.stringify({ ...outcome, workflow_id: started.workflowId, links }, null, 2)}\n`
        : formatIndexSummary(outcome, links),
    );
    return EXIT.ok;
  } catch (error) {
    const interruption = interrupt.pressed ? await interrupt.interrupted.catch((e: unknown) => e) : error;
    if (interruption instanceof Interrupted) {
      process.stderr.write(`${interruption.message}\n`);
      return 130;
    }
    throw error;
  } finally {
    // The listener stays until the in-process worker is down, so a press while it drains still exits at once.
    await stopWorker?.();
    interrupt.dispose();
    await client.connection.close();
  }
}

/** `repograph index <git-url-or-path>`: the main job, from a repository to a graph you can open. */
export const indexCommand = defineCommand({
  help: `Usage: repograph index <git-url-or-path> [--branch <b>] [--commit <sha>] [--force] [--full] [--json]

Runs RepoIndexingWorkflow (precheck, clone, parse, knowledge graph, metadata, stale cleanup) for one branch of
a repository, with a worker in this process when none polls the queue, and prints the counts, the time per
step, a Neo4j Browser link with a ready query and the Temporal UI link of the run. Local paths index their
committed HEAD (or --branch), never uncommitted changes. After the first run of a branch, a run parses and
writes only what changed since the last one (incremental); --full rebuilds everything.
Ctrl-C cancels the run (its work dir is removed); a second Ctrl-C exits at once.
Temporal, Neo4j and PostgreSQL that do not answer at their configured addresses are started first, when those
are on this machine (what 'npm run stack -- up' does, building or fetching them the first time); a service on
another host is never started: the command says which one does not answer (exit 3).

Options:
  --branch <b>    branch to index (default: the repository's HEAD branch)
  --commit <sha>  index this exact commit
  --force         index even when the commit is already indexed (writes only what differs)
  --full          rebuild from scratch: parse every file and recompute every reference
  --json          print the workflow result as JSON (no progress lines)

Examples:
  repograph index https://github.com/pallets/itsdangerous
  repograph index ~/src/myproject --branch develop
  npm run index -- . --force`,
  options: OPTIONS,
  positionals: [1, 1],
  async run(args) {
    try {
      return await run(args);
    } catch (error) {
      const message =
        error instanceof Error
          ? error.cause instanceof Error
            ? `${error.message}: ${rootCause(error)}`
            : error.message
          : String(error);
      return reportError(
        `indexing failed: ${message}`,
        "check the repository and 'repograph stack status'; the Temporal UI shows the failed step",
      );
    }
  },
});

function rootCause(error: Error): string {
  let current: Error = error;
  while (current.cause instanceof Error) current = current.cause;
  return current.message;
}
