import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParsePool } from '../../../src/parsers/parse-pool.js';

const CONFIG = {
  maxFileBytes: 1_000_000,
  maxAbsoluteFileBytes: 10_000_000,
  maxSymbolsPerFile: 500,
  fileTimeoutMs: 5000,
};
let scratch: string;

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'parse-pool-test-'));
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('ParsePool', () => {
  it('replaces a thread that stops answering and reports its file as timed out', async () => {
    // Reading a FIFO nobody writes to never completes: a thread stuck where no in-thread budget can reach.
    const fifo = path.join(scratch, 'stuck.py');
    execFileSync('mkfifo', [fifo]);
    const good = path.join(scratch, 'good.py');
    fs.writeFileSync(good, 'def ok():\n    pass\n');
    const pool = new ParsePool(1, CONFIG.fileTimeoutMs, { watchdogMs: 1500 });
    try {
      const stuck = pool.parse({ relativePath: 'stuck.py', absolutePath: fifo, sizeBytes: 0, config: CONFIG });
      const after = pool.parse({ relativePath: 'good.py', absolutePath: good, sizeBytes: 18, config: CONFIG });
      const [stuckFile, goodFile] = await Promise.all([stuck, after]);
      expect(stuckFile.problems).toMatchObject({ timedOut: true, error: expect.stringMatching(/replaced/) });
      expect(stuckFile).toMatchObject({ kind: 'code', language: 'python' });
      expect(goodFile.symbols.map((s) => s.name)).toEqual(['ok']);
    } finally {
      await pool.close();
      fs.closeSync(fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK));
    }
  });

  it('reports an unreadable file as data', async () => {
    const pool = new ParsePool(1, CONFIG.fileTimeoutMs);
    try {
      const file = await pool.parse({
        relativePath: 'gone.py',
        absolutePath: path.join(scratch, 'gone.py'),
        sizeBytes: 0,
        config: CONFIG,
      });
      expect(file.problems).toMatchObject({ skipReason: 'unreadable', error: expect.stringMatching(/ENOENT/) });
    } finally {
      await pool.close();
    }
  });
});
