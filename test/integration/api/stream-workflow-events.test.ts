import { PassThrough } from 'node:stream';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamWorkflowEvents } from '../../../src/api/stream-workflow-events.js';
import { appendRunEvent } from '../../../src/db/repositories/workflow-run-events.repository.js';
import type { RunEventType } from '../../../src/db/tables/workflow-run-events.table.js';
import { createTestDatabase, type TestDatabase } from '../db/test-database.js';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
}, 60_000);
afterAll(async () => t?.drop());

/** A stand-in for the HTTP response: collects what the stream writes, in order. */
function collectingResponse(): { res: ServerResponse; written: string[] } {
  const written: string[] = [];
  const sink = new PassThrough();
  const res = Object.assign(sink, {
    writeHead: () => res,
    write: (chunk: string) => written.push(chunk) > 0,
    end: (chunk?: string) => {
      if (chunk != null) written.push(chunk);
      sink.emit('finish');
      return res;
    },
  }) as unknown as ServerResponse;
  return { res, written };
}

describe('streamWorkflowEvents (real PostgreSQL)', () => {
  it("sends close only once `settled` says the run's workflow is closed", async () => {
    const event = (event_type: RunEventType, message: string) =>
      appendRunEvent(t.db, {
        workflow_id: 'wf-settle',
        workflow_run_id: 'run-1',
        workflow_type: 'repo_indexing',
        event_type,
        message,
        metadata: {},
      });
    await event('workflow_started', 'started');
    await event('workflow_completed', 'done');

    const { res, written } = collectingResponse();
    const order: string[] = [];
    let settledRun: string | null = null;
    await streamWorkflowEvents(t.db, 'wf-settle', null, res, {
      pollMs: 20,
      settled: async (runId) => {
        settledRun = runId;
        order.push(`settled, ${written.length} frames written`);
        await new Promise((resolve) => setTimeout(resolve, 200));
        order.push(`settled done, ${written.length} frames written`);
      },
    });
    const frames = written.map((w) => /^(?:id: \d+\n)?event: (\w+)/.exec(w)?.[1]);
    expect(frames).toEqual(['connected', 'activity', 'activity', 'close']);
    expect(settledRun).toBe('run-1');
    // Both activity frames were out before the wait, and close only came after it.
    expect(order).toEqual(['settled, 3 frames written', 'settled done, 3 frames written']);
    expect(written.at(-1)).toContain('"reason":"workflow_completed"');
  });
});
