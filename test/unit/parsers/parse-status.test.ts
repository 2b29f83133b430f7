import { describe, expect, it } from 'vitest';
import { emptyParsedFile } from '../../../src/parsers/parse-file.js';
import type { ParsedFile } from '../../../src/parsers/parsed-file.js';
import { parseStatusOf } from '../../../src/parsers/parse-status.js';
import { addToSummary, emptyParseSummary, parseStatsOf } from '../../../src/parsers/parse-summary.js';

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
    expect(parseStatusOf(file({ symbols: [symbol], problems: { error: 'slow', timedOut: true } }))).toBe('partial');
    expect(parseStatusOf(file({ kind: 'skipped', language: null, problems: { skipReason: 'binary' } }))).toBe(
      'skipped',
    );
    expect(parseStatusOf(file({ problems: { error: 'boom' } }))).toBe('failed');
    expect(parseStatusOf(file({ kind: 'skipped', problems: { skipReason: 'unreadable', error: 'EACCES' } }))).toBe(
      'failed',
    );
  });
});

describe('parseStatsOf', () => {
  it('counts the workflow stats from the summary by the same rule', () => {
    const summary = emptyParseSummary();
    addToSummary(summary, { type: 'directory', relativePath: '.' });
    addToSummary(summary, { type: 'file', ...file({ symbols: [symbol, symbol] }) });
    addToSummary(summary, {
      type: 'file',
      ...file({ relativePath: 'b.bin', kind: 'skipped', language: null, problems: { skipReason: 'binary' } }),
    });
    addToSummary(summary, { type: 'file', ...file({ relativePath: 'c.py', large: true, problems: { error: 'x' } }) });
    addToSummary(summary, {
      type: 'file',
      ...file({ relativePath: 'd.py', symbols: [symbol], problems: { error: 'slow', timedOut: true } }),
    });
    expect(parseStatsOf(summary)).toEqual({
      total_files: 4,
      indexed_files: 2,
      skipped_files: 1,
      failed_files: 1,
      total_directories: 1,
      total_symbols: 3,
      total_text_chunks: 0,
      large_files_chunked: 1,
    });
    expect(summary.failed).toBe(summary.statuses.failed);
  });
});
