import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStatusOf, summariseParse } from '../../../src/parsers/summarise-parse.js';
import { emptyParsedFile } from '../../../src/parsers/parse-file.js';
import type { ParsedFile } from '../../../src/parsers/parsed-file.js';

function file(
  overrides: Partial<Omit<ParsedFile, 'problems'>> & { problems?: Partial<ParsedFile['problems']> } = {},
): ParsedFile {
  const { problems, ...rest } = overrides;
  const base = emptyParsedFile('a.py', 10, 'h');
  return {
    ...base,
    language: 'python',
    kind: 'code',
    parseMillis: 1,
    ...rest,
    problems: { ...base.problems, ...problems },
  };
}

const symbol = {
  kind: 'function',
  name: 'f',
  qualifiedName: 'f',
  startLine: 1,
  endLine: 1,
  startColumn: 0,
  endColumn: 1,
  signature: 'def f()',
  docstring: null,
  fingerprint: 'x',
  parent: null,
} as const;

describe('parseStatusOf', () => {
  it('tells parsed, partial, skipped and failed files apart', () => {
    expect(parseStatusOf(file())).toBe('parsed');
    expect(parseStatusOf(file({ symbols: [symbol], problems: { syntaxErrors: 2 } }))).toBe('partial');
    expect(parseStatusOf(file({ symbols: [symbol], problems: { truncatedSymbols: 1 } }))).toBe('partial');
    expect(parseStatusOf(file({ kind: 'skipped', language: null, problems: { skipReason: 'binary' } }))).toBe(
      'skipped',
    );
    expect(parseStatusOf(file({ problems: { error: 'boom' } }))).toBe('failed');
  });
});

describe('summariseParse', () => {
  it('counts files, directories, symbols and chunks of a parsed.ndjson', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rg-sum-'));
    const out = path.join(dir, 'parsed.ndjson');
    const records = [
      { type: 'directory', relativePath: '.' },
      { type: 'file', ...file({ symbols: [symbol, symbol] }) },
      {
        type: 'file',
        ...file({ relativePath: 'b.bin', kind: 'skipped', language: null, problems: { skipReason: 'binary' } }),
      },
      { type: 'file', ...file({ relativePath: 'c.py', large: true, problems: { error: 'timeout' } }) },
    ];
    writeFileSync(out, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
    expect(await summariseParse(out)).toEqual({
      total_files: 3,
      indexed_files: 1,
      skipped_files: 1,
      failed_files: 1,
      total_directories: 1,
      total_symbols: 2,
      total_text_chunks: 0,
      large_files_chunked: 1,
    });
  });
});
