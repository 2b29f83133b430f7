import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParsePool } from '../../../src/parsers/parse-pool.js';
import { parseRepository } from '../../../src/parsers/parse-repository.js';
import type { ParseRecord } from '../../../src/parsers/parse-record.js';
import type { ParseSummary } from '../../../src/parsers/parse-summary.js';
import { walkRepository } from '../../../src/parsers/walk-repository.js';

const CONFIG = {
  maxFileBytes: 1_000_000,
  maxAbsoluteFileBytes: 10_000_000,
  maxSymbolsPerFile: 500,
  fileTimeoutMs: 20_000,
  threads: 2,
  extraExcludedDirs: [],
};
let scratch: string;
let root: string;

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'parse-repo-test-'));
  root = path.join(scratch, 'repo');
  const files: Record<string, string | Buffer> = {
    'pkg/__init__.py': 'from .core import run\n',
    'pkg/core.py': 'class Runner:\n    def run(self):\n        return helper()\n\ndef helper():\n    return 1\n',
    'web/app.ts': "import { a } from './a';\nexport class App { start() { a(); } }\n",
    'web/a.js': 'export const a = () => 1;\n',
    'README.md': '# Title\n\nSome text.\n',
    'broken.py': 'def broken(:\n',
    'blob.py': Buffer.from([0, 1, 2, 3]),
    'image.png': 'png',
    'node_modules/dep/index.js': 'function dep() {}\n',
  };
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), content);
  }
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function readRecords(file: string): ParseRecord[] {
  return fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as ParseRecord);
}

describe('parseRepository', () => {
  it('streams one record per directory and file in walk order and returns the counts', async () => {
    const outputPath = path.join(scratch, 'out.ndjson');
    const progress: ParseSummary[] = [];
    const summary = await parseRepository({ root, outputPath, config: CONFIG, onProgress: (s) => progress.push(s) });
    const records = readRecords(outputPath);
    const walked: string[] = [];
    for await (const entry of walkRepository(root, CONFIG)) walked.push(entry.relativePath);
    expect(records.map((r) => r.relativePath)).toEqual(walked);

    const byPath = new Map(records.map((r) => [r.relativePath, r]));
    const core = byPath.get('pkg/core.py');
    expect(core?.type === 'file' && core.symbols.map((s) => s.qualifiedName)).toEqual([
      'Runner',
      'Runner.run',
      'helper',
    ]);
    const app = byPath.get('web/app.ts');
    expect(app?.type === 'file' && app.imports[0]?.names).toEqual([{ name: 'a', alias: null }]);
    const blob = byPath.get('blob.py');
    expect(blob?.type === 'file' && blob.problems.skipReason).toBe('binary');

    expect(summary).toMatchObject({
      directories: 3,
      files: 8,
      filesByKind: { code: 5, text: 1, skipped: 2 },
      filesByLanguage: { python: 3, typescript: 1, javascript: 1, text: 1 },
      skipped: { binary: 1, unsupported: 1 },
      failed: 0,
      filesWithSyntaxErrors: 1,
      // helper, a, and broken: tree-sitter recovers `def broken(:` and symbols survive syntax errors.
      symbolsByKind: { class: 2, method: 2, function: 3 },
      textChunks: 1,
    });
    expect(byPath.has('node_modules')).toBe(false);
    expect(progress.at(-1)).toEqual(summary);
  });

  it('parses on a pool it is given and leaves it running for the next run', async () => {
    const pool = new ParsePool(1, CONFIG.fileTimeoutMs);
    try {
      const own = readRecords(await parsed(path.join(scratch, 'own.ndjson')));
      const first = readRecords(await parsed(path.join(scratch, 'shared1.ndjson'), pool));
      const second = readRecords(await parsed(path.join(scratch, 'shared2.ndjson'), pool));
      const withoutTimes = (records: ParseRecord[]) => records.map((r) => ({ ...r, parseMillis: 0 }));
      expect(withoutTimes(first)).toEqual(withoutTimes(own));
      expect(withoutTimes(second)).toEqual(withoutTimes(own));
    } finally {
      await pool.close();
    }

    async function parsed(outputPath: string, shared?: ParsePool): Promise<string> {
      await parseRepository({ root, outputPath, config: CONFIG, pool: shared });
      return outputPath;
    }
  });

  it('records unsupported files as skipped, not failed', async () => {
    fs.writeFileSync(path.join(root, 'notes.bin'), 'data');
    try {
      const summary = await parseRepository({ root, outputPath: path.join(scratch, 'out2.ndjson'), config: CONFIG });
      expect(summary.skipped).toEqual({ binary: 1, unsupported: 2 });
      expect(summary.failed).toBe(0);
    } finally {
      fs.rmSync(path.join(root, 'notes.bin'));
    }
  });

  it('rejects when aborted and when the root cannot be read', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    const outputPath = path.join(scratch, 'aborted.ndjson');
    await expect(parseRepository({ root, outputPath, config: CONFIG, signal: controller.signal })).rejects.toThrow(
      'stop',
    );
    await expect(parseRepository({ root: path.join(scratch, 'missing'), outputPath, config: CONFIG })).rejects.toThrow(
      /ENOENT/,
    );
  });
});
