import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCommand } from '../../../src/cli/command.js';
import { parseCommand } from '../../../src/cli/commands/parse-command.js';

let root: string;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'parse-command-test-'));
  fs.writeFileSync(path.join(root, 'a.py'), 'class A:\n    def m(self):\n        pass\n');
  fs.writeFileSync(path.join(root, 'broken.js'), 'function (\n');
  fs.writeFileSync(path.join(root, 'notes.md'), '# Notes\n');
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
});

function capture(stream: NodeJS.WriteStream): () => string {
  const chunks: string[] = [];
  vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
  return () => chunks.join('');
}

describe('repograph parse', () => {
  it('prints a summary with symbol counts per kind and the files with problems, exit 0', async () => {
    const stdout = capture(process.stdout);
    expect(await runCommand('parse', parseCommand, [root])).toBe(0);
    const text = stdout();
    expect(text).toContain('symbols: 2 (class 1, method 1)');
    expect(text).toContain('files: 3 (code 2, text 1, skipped 0)');
    expect(text).toMatch(/broken\.js: \d+ syntax error node\(s\)/);
  });

  it('prints one JSON record per directory and file with --json', async () => {
    const stdout = capture(process.stdout);
    expect(await runCommand('parse', parseCommand, [root, '--json'])).toBe(0);
    const records = stdout()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; relativePath: string });
    expect(records.map((r) => `${r.type} ${r.relativePath}`)).toEqual([
      'directory .',
      'file a.py',
      'file broken.js',
      'file notes.md',
    ]);
  });

  it('exits non-zero with a clear message when the directory cannot be read', async () => {
    const stderr = capture(process.stderr);
    expect(await runCommand('parse', parseCommand, [path.join(root, 'missing')])).toBe(1);
    expect(stderr()).toMatch(/^error: cannot parse .*missing.*To fix this problem/);
  });
});
