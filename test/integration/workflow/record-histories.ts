/**
 * Records RepoIndexingWorkflow histories for the replay test: `npx tsx test/integration/workflow/record-histories.ts`
 * (needs Temporal on 127.0.0.1:7233). Re-record only for a deliberate, `patched()`-guarded workflow change.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ApplicationFailure } from '@temporalio/common';
import type { Activities } from '../../../src/activities/index.js';
import { ErrorType } from '../../../src/shared/errors.js';
import type { RepoIndexingInput } from '../../../src/shared/repo-indexing.js';
import { startRepoIndexing } from '../../../src/temporal/start-repo-indexing.js';
import { createWorker } from '../../../src/worker.js';
import { historyToPlainJson } from './history-json.js';
import { input, STATS, stubs } from './stub-activities.js';
import { createWorkflowHarness, type WorkflowHarness } from './workflow-harness.js';

const OUT = fileURLToPath(new URL('../../fixtures/histories/', import.meta.url));

async function record(
  h: WorkflowHarness,
  name: string,
  overrides: Partial<Activities>,
  repoInput: RepoIndexingInput,
  during?: () => Promise<void>,
) {
  const worker = await createWorker({
    config: h.config,
    connection: h.connection,
    taskQueue: h.taskQueue,
    activities: stubs([], overrides),
  });
  const history = await worker.runUntil(
    (async () => {
      const started = await startRepoIndexing(h.client, repoInput, { taskQueue: h.taskQueue });
      await during?.();
      const handle = h.client.workflow.getHandle(started.workflowId, started.runId);
      await handle.result().catch(() => undefined);
      return handle.fetchHistory();
    })(),
  );
  await writeFile(`${OUT}repo-indexing-${name}.json`, `${historyToPlainJson(history)}\n`);
  process.stdout.write(`recorded ${name}: ${history.events?.length ?? 0} events\n`);
}

async function main(): Promise<void> {
  const h = await createWorkflowHarness('/work');
  try {
    await record(h, 'success', {}, input('abc'));
    await record(
      h,
      'skipped',
      {
        checkIndexingNeeded: async () => ({
          indexing_needed: false,
          current_sha: 'abc',
          latest_snapshot_sha: 'abc',
          reason: 'sha_unchanged',
        }),
      },
      input(null),
    );
    await record(
      h,
      'failed-parse',
      {
        parseRepo: async () => {
          throw ApplicationFailure.create({ type: ErrorType.InvalidInput, message: 'checkout is gone' });
        },
      },
      input('abc'),
    );
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = input('aaa');
    await record(
      h,
      'reindex-continue-as-new',
      { parseRepo: async () => (await gate, { parsed_path: '/work/parsed.ndjson', stats: STATS }) },
      first,
      async () => {
        await new Promise((r) => setTimeout(r, 1500));
        await startRepoIndexing(
          h.client,
          { ...first, repository: { ...first.repository, commit_sha: 'bbb' } },
          { taskQueue: h.taskQueue },
        );
        release();
      },
    );
  } finally {
    await h.close();
  }
}

await main();
