import { execFileSync, spawnSync } from 'node:child_process';
import { getEventListeners } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParsePool, BIG_FILE_BYTES } from '../../../src/parsers/parse-pool.js';

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

  it('replaces a thread once it parsed a big file, and keeps the one that parsed small files', async () => {
    const small = path.join(scratch, 'small.py');
    fs.writeFileSync(small, 'def small():\n    pass\n');
    const big = path.join(scratch, 'big.py');
    fs.writeFileSync(big, `def big():\n    pass\n${'x = 1\n'.repeat(Math.ceil(BIG_FILE_BYTES / 6))}`);
    const pool = new ParsePool(1, CONFIG.fileTimeoutMs);
    const parse = (file: string) =>
      pool.parse({ relativePath: path.basename(file), absolutePath: file, sizeBytes: fs.statSync(file).size, config: CONFIG });
    try {
      expect((await parse(small)).symbols.map((s) => s.name)).toEqual(['small']);
      expect((await parse(small)).symbols.map((s) => s.name)).toEqual(['small']);
      expect(pool.threadsStarted).toBe(1);
      expect((await parse(big)).symbols.map((s) => s.name)).toEqual(['big']);
      expect((await parse(small)).symbols.map((s) => s.name)).toEqual(['small']);
      expect(pool.threadsStarted).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('puts one big file on the threads at a time: a small file queued behind two big ones overtakes the second', async () => {
    const bigFile = (name: string) => {
      const file = path.join(scratch, `${name}.py`);
      fs.writeFileSync(file, `def ${name}():\n    pass\n${'x = 1\n'.repeat(Math.ceil(BIG_FILE_BYTES / 6))}`);
      return file;
    };
    const first = bigFile('first');
    const second = bigFile('second');
    const small = path.join(scratch, 'behind.py');
    fs.writeFileSync(small, 'def behind():\n    pass\n');
    // One thread takes two files at once, in order: without the rule it would hold both big files.
    const pool = new ParsePool(1, CONFIG.fileTimeoutMs);
    const done: string[] = [];
    const parse = (file: string) =>
      pool
        .parse({ relativePath: path.basename(file), absolutePath: file, sizeBytes: fs.statSync(file).size, config: CONFIG })
        .then((parsed) => done.push(parsed.symbols[0]!.name));
    try {
      await Promise.all([parse(first), parse(second), parse(small)]);
      expect(done).toEqual(['first', 'behind', 'second']);
    } finally {
      await pool.close();
    }
  });

  it('trims only threads that parsed much, so a pool that served a few files stays warm', async () => {
    const small = path.join(scratch, 'trim-small.py');
    fs.writeFileSync(small, 'def small():\n    pass\n');
    const mid = path.join(scratch, 'trim-mid.py');
    fs.writeFileSync(mid, `def mid():\n    pass\n${'x = 1\n'.repeat(20_000)}`);
    const trimAfterBytes = 3 * fs.statSync(mid).size;
    const pool = new ParsePool(1, CONFIG.fileTimeoutMs, { trimAfterBytes });
    const parse = (file: string) =>
      pool.parse({ relativePath: path.basename(file), absolutePath: file, sizeBytes: fs.statSync(file).size, config: CONFIG });
    try {
      await parse(small);
      pool.trim();
      expect(pool.threadsStarted).toBe(1);
      // What counts is what a thread parsed since the last trim: two runs of two-thirds each do not add up.
      for (let run = 0; run < 2; run++) {
        await parse(mid);
        await parse(mid);
        pool.trim();
      }
      expect(pool.threadsStarted).toBe(1);
      let parsed = 0;
      while (parsed < trimAfterBytes) {
        expect((await parse(mid)).symbols.map((s) => s.name)).toEqual(['mid']);
        parsed += fs.statSync(mid).size;
      }
      expect(pool.threadsStarted).toBe(1);
      pool.trim();
      expect(pool.threadsStarted).toBe(2);
      expect((await parse(small)).symbols.map((s) => s.name)).toEqual(['small']);
    } finally {
      await pool.close();
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

  it('drops the files of an aborted caller that wait for a thread, and keeps serving others', async () => {
    const fifo = path.join(scratch, 'slow.py');
    execFileSync('mkfifo', [fifo]);
    const good = path.join(scratch, 'fine.py');
    fs.writeFileSync(good, 'def fine():\n    pass\n');
    const pool = new ParsePool(1, CONFIG.fileTimeoutMs);
    const controller = new AbortController();
    const task = (absolutePath: string) => ({ relativePath: 'x.py', absolutePath, sizeBytes: 0, config: CONFIG });
    // Opens once the thread reads the FIFO; closing it then ends that read.
    const writer = fs.promises.open(fifo, 'w');
    try {
      // The thread takes the FIFO and the next file; the twelve after them wait in the queue.
      const onThread = [
        pool.parseRecord(task(fifo), controller.signal),
        pool.parseRecord(task(good), controller.signal),
      ];
      const queued = Array.from({ length: 12 }, () => pool.parseRecord(task(good), controller.signal));
      const other = pool.parseRecord(task(good), new AbortController().signal);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
      controller.abort(new Error('run cancelled'));
      for (const waiting of queued) await expect(waiting).rejects.toThrow('run cancelled');
      await (await writer).close();
      await Promise.all([...onThread, other]);
      const later = await pool.parse(task(good));
      expect(later.symbols.map((s) => s.name)).toEqual(['fine']);
    } finally {
      await pool.close();
    }
  });

  it('does not keep the process alive while its threads are idle', () => {
    const good = path.join(scratch, 'idle.py');
    fs.writeFileSync(good, 'def idle():\n    pass\n');
    const pool = new URL('../../../src/parsers/parse-pool.ts', import.meta.url).href;
    const task = { relativePath: 'idle.py', absolutePath: good, sizeBytes: 0, config: CONFIG };
    // A pool that parsed a file and was never closed: the process must still exit on its own.
    const script = path.join(scratch, 'idle-pool.mjs');
    fs.writeFileSync(
      script,
      `const { ParsePool } = await import(${JSON.stringify(pool)});
      const pool = new ParsePool(2, 5000);
      const file = await pool.parse(${JSON.stringify(task)});
      console.log(file.symbols[0]?.name ?? JSON.stringify(file.problems));`,
    );
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 20_000 });
    expect(child.error).toBeUndefined();
    expect(child.stdout.trim()).toBe('idle');
    expect(child.status).toBe(0);
  });
});
