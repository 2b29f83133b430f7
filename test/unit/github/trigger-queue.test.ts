import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { TriggerQueue, type Log } from '../../../src/github/trigger-queue.js';

function recordingLog(lines: string[]): Log {
  return {
    info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    error: (m) => lines.push(`error ${m}`),
  };
}

describe('TriggerQueue', () => {
  it('retries a transient failure with backoff until it succeeds', async () => {
    const lines: string[] = [];
    const queue = new TriggerQueue({ log: recordingLog(lines), baseDelayMs: 1 });
    let attempts = 0;
    const first = await queue.submit('k', 'task', async () => {
      if (++attempts < 3) throw new Error('unavailable');
    });
    expect(first).toBe('retrying');
    await queue.idle();
    expect(attempts).toBe(3);
    expect(lines.filter((l) => l.startsWith('warn'))).toHaveLength(2);
    expect(queue.size).toBe(0);
  });

  it('gives up at once on a non-retryable failure, and after maxAttempts otherwise', async () => {
    const lines: string[] = [];
    const queue = new TriggerQueue({ log: recordingLog(lines), baseDelayMs: 1, maxAttempts: 3 });
    let permanent = 0;
    const outcome = await queue.submit('p', 'permanent', async () => {
      permanent++;
      throw ApplicationFailure.nonRetryable('gone', 'InstallationRevoked');
    });
    expect(outcome).toBe('failed');
    expect(permanent).toBe(1);
    let transient = 0;
    await queue.submit('t', 'transient', async () => {
      transient++;
      throw new Error('down');
    });
    await queue.idle();
    expect(transient).toBe(3);
    expect(lines.filter((l) => l.startsWith('error'))).toHaveLength(2);
  });

  it('does not queue a second task under a key that is still pending', async () => {
    const queue = new TriggerQueue({ log: recordingLog([]), baseDelayMs: 1 });
    let release: () => void = () => undefined;
    let runs = 0;
    const task = () => {
      runs++;
      return new Promise<void>((resolve) => (release = resolve));
    };
    const first = queue.submit('same', 'a', task);
    expect(await queue.submit('same', 'b', task)).toBe('retrying');
    release();
    expect(await first).toBe('done');
    expect(runs).toBe(1);
  });
});
