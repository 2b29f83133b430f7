import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { WORKFLOW_BUNDLER_OPTIONS, WORKFLOWS_PATH } from '../../../src/temporal/workflow-bundler-options.js';
import { historyFromPlainJson } from './history-json.js';

const DIR = fileURLToPath(new URL('../../fixtures/histories/', import.meta.url));
const FILES = readdirSync(DIR).filter((f) => f.startsWith('repo-indexing-') && f.endsWith('.json'));
const replayOptions = {
  workflowsPath: WORKFLOWS_PATH,
  bundlerOptions: { webpackConfigHook: WORKFLOW_BUNDLER_OPTIONS },
};

// Recorded by record-histories.ts. A change to RepoIndexingWorkflow that alters its command sequence fails here
// until it is guarded with patched() (or the histories are deliberately re-recorded).
describe('RepoIndexingWorkflow replays its recorded histories', () => {
  it('has histories for success, skip, failure and continue-as-new', () => {
    expect(FILES.sort()).toEqual([
      'repo-indexing-failed-parse.json',
      'repo-indexing-reindex-continue-as-new.json',
      'repo-indexing-skipped.json',
      'repo-indexing-success.json',
    ]);
  });

  it.each(FILES)('%s replays without non-determinism', async (file) => {
    const history = historyFromPlainJson(readFileSync(`${DIR}${file}`, 'utf8'));
    await expect(Worker.runReplayHistory(replayOptions, history)).resolves.toBeUndefined();
  });

  it('detects a history the current code would not produce', async () => {
    const history = historyFromPlainJson(readFileSync(`${DIR}repo-indexing-success.json`, 'utf8'));
    const scheduled = history.events.filter((e) => e.activityTaskScheduledEventAttributes != null);
    const clone = scheduled.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'cloneRepo');
    clone!.activityTaskScheduledEventAttributes!.activityType!.name = 'somethingElse';
    await expect(Worker.runReplayHistory(replayOptions, history)).rejects.toBeInstanceOf(DeterminismViolationError);
  });
});
