import { describe, expect, it } from 'vitest';
import {
  HOST_QUEUE_WAIT,
  hostStepOptions,
  LONG_STEP_HEARTBEAT,
  scaledStartToCloseMs,
  STEP_CEILING_MS,
  type ScaledStep,
} from '../../../src/workflows/activity-options.js';

const MINUTE = 60_000;
const STEPS: ScaledStep[] = ['parse', 'persist_kg', 'persist_metadata'];
const ORIGINAL: Record<ScaledStep, number> = { parse: 5 * MINUTE, persist_kg: 10 * MINUTE, persist_metadata: 2 * MINUTE };

describe('scaledStartToCloseMs', () => {
  it.each(STEPS)('keeps the original timeout of %s for an empty or small repository', (step) => {
    expect(scaledStartToCloseMs(step, { files: 0, bytes: 0 })).toBe(ORIGINAL[step]);
    // The Python standard library: 734 files, 12 MB.
    expect(scaledStartToCloseMs(step, { files: 734, bytes: 12_000_000 })).toBe(ORIGINAL[step]);
  });

  it('grows past the original timeouts for a kernel-sized repository (70k files, 1 GB)', () => {
    const kernel = { files: 70_000, bytes: 1_000_000_000 };
    expect(scaledStartToCloseMs('parse', kernel)).toBe((140 + 1000) * 1000);
    expect(scaledStartToCloseMs('persist_kg', kernel)).toBe((1400 + 500) * 1000);
    expect(scaledStartToCloseMs('persist_metadata', kernel)).toBe(350 * 1000);
    for (const step of STEPS) expect(scaledStartToCloseMs(step, kernel)).toBeGreaterThan(ORIGINAL[step]);
  });

  it('counts both files and bytes, rounded up to whole seconds', () => {
    expect(scaledStartToCloseMs('parse', { files: 100_000, bytes: 200_000_001 })).toBe((200 + 201) * 1000);
    expect(scaledStartToCloseMs('persist_kg', { files: 40_001, bytes: 0 })).toBe(801 * 1000);
  });

  it.each(STEPS)('never shrinks as %s gets more to do, and stops at the ceiling', (step) => {
    let last = 0;
    for (let files = 0; files <= 10_000_000; files = files * 4 + 1000) {
      const ms = scaledStartToCloseMs(step, { files, bytes: files * 20_000 });
      expect(ms).toBeGreaterThanOrEqual(last);
      expect(ms).toBeLessThanOrEqual(STEP_CEILING_MS);
      last = ms;
    }
    expect(last).toBe(STEP_CEILING_MS);
  });

  it('treats a negative or non-finite count as nothing to do', () => {
    expect(scaledStartToCloseMs('parse', { files: -5, bytes: Number.NaN })).toBe(ORIGINAL.parse);
    expect(scaledStartToCloseMs('persist_kg', { files: Number.POSITIVE_INFINITY, bytes: -1 })).toBe(ORIGINAL.persist_kg);
  });
});

describe('hostStepOptions', () => {
  it('binds the step to the host queue, with a heartbeat and a bounded wait for the host', () => {
    const options = hostStepOptions('persist_kg', { files: 70_000, bytes: 1_000_000_000 }, 'q@host');
    expect(options).toMatchObject({
      taskQueue: 'q@host',
      startToCloseTimeout: 1_900_000,
      heartbeatTimeout: LONG_STEP_HEARTBEAT,
      scheduleToStartTimeout: HOST_QUEUE_WAIT,
    });
    expect(options.retry?.maximumAttempts).toBe(3);
  });
});
