import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { compiledParseWorker } from '../../../src/parsers/compile-parse-worker.js';
import { parseFile } from '../../../src/parsers/parse-file.js';
import type { ParseTaskResult } from '../../../src/parsers/parse-pool.js';
import type { ParsedFile } from '../../../src/parsers/parsed-file.js';

const CONFIG = {
  maxFileBytes: 1_000_000,
  maxAbsoluteFileBytes: 10_000_000,
  maxSymbolsPerFile: 500,
  fileTimeoutMs: 10_000,
};

describe('compiledParseWorker', () => {
  it('bundles the worker into one JavaScript file, once per process', () => {
    const file = compiledParseWorker();
    expect(file).toMatch(/parse-worker-[0-9a-f]{16}\.mjs$/);
    expect(fs.existsSync(file!)).toBe(true);
    expect(compiledParseWorker()).toBe(file);
  });

  it('bundles again when the cached file has been deleted', () => {
    const file = compiledParseWorker()!;
    fs.rmSync(file);
    expect(compiledParseWorker()).toBe(file);
    expect(fs.existsSync(file)).toBe(true);
  });

  it('runs as a thread that parses a file exactly as parseFile does in-process', async () => {
    const source = fileURLToPath(new URL('../../fixtures/parsers/python/', import.meta.url));
    const name = fs.readdirSync(source).find((entry) => entry.endsWith('.py'))!;
    const absolutePath = `${source}${name}`;
    const worker = new Worker(compiledParseWorker()!);
    try {
      const answer = new Promise<ParseTaskResult>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      worker.postMessage({ id: 7, relativePath: name, absolutePath, sizeBytes: 0, config: CONFIG });
      const { id, bytes } = await answer;
      const { type, ...result } = JSON.parse(new TextDecoder().decode(bytes)) as ParsedFile & { type: string };
      expect(type).toBe('file');
      const expected = await parseFile({ relativePath: name, bytes: fs.readFileSync(absolutePath), config: CONFIG });
      expect(id).toBe(7);
      expect(result.symbols.length).toBeGreaterThan(0);
      expect({ ...result, parseMillis: 0 }).toEqual({ ...expected, parseMillis: 0 });
    } finally {
      await worker.terminate();
    }
  });
});
