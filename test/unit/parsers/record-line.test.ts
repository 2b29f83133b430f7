import { describe, expect, it } from 'vitest';
import { emptyParsedFile } from '../../../src/parsers/parse-file.js';
import type { ParseRecord } from '../../../src/parsers/parse-record.js';
import { addToSummary, emptyParseSummary, mergeSummary } from '../../../src/parsers/parse-summary.js';
import { lineWithoutNewline, recordLine } from '../../../src/parsers/record-line.js';

function records(): ParseRecord[] {
  const code = emptyParsedFile('a.py', 120, 'h1');
  code.kind = 'code';
  code.language = 'python';
  code.problems.syntaxErrors = 2;
  code.symbols = [
    { ...symbol('A', 'class'), parent: null },
    { ...symbol('m', 'method'), parent: 0 },
  ];
  code.calls = [{ callee: 'f', receiver: null, line: 3, isConstructor: false }];
  const failed = emptyParsedFile('b.ts', 10, 'h2');
  failed.kind = 'code';
  failed.language = 'typescript';
  failed.problems = { ...failed.problems, error: 'boom', timedOut: true };
  const skipped = emptyParsedFile('c.bin', 5);
  skipped.problems.skipReason = 'binary';
  return [
    { type: 'directory', relativePath: '.' },
    { type: 'file', ...code },
    { type: 'file', ...failed },
    { type: 'file', ...skipped },
  ];
}

function symbol(name: string, kind: 'class' | 'method') {
  return {
    kind,
    name,
    qualifiedName: name,
    startLine: 1,
    endLine: 2,
    startColumn: 0,
    endColumn: 1,
    signature: name,
    docstring: null,
    fingerprint: 'f',
  };
}

describe('recordLine and mergeSummary', () => {
  it('serialise a record exactly as JSON.stringify does, as one UTF-8 line', () => {
    const nonAscii = emptyParsedFile('ü/ä.py', 1, 'h3');
    nonAscii.problems.error = 'caf\u00e9 \u{1f600} \ud800';
    for (const record of [...records(), { type: 'file' as const, ...nonAscii }]) {
      const line = recordLine(record);
      expect(new TextDecoder().decode(line.bytes)).toBe(`${JSON.stringify(record)}\n`);
      expect(new TextDecoder().decode(lineWithoutNewline(line))).toBe(JSON.stringify(record));
      expect(line.bytes.byteOffset).toBe(0);
      expect(line.bytes.buffer.byteLength).toBe(line.bytes.byteLength);
    }
  });

  it('carry the facts of each file as its record says them, and none for a directory', () => {
    const [directory, code, failed, skipped] = records().map(recordLine);
    expect(directory?.facts).toBeNull();
    expect(code?.facts).toEqual({
      relativePath: 'a.py',
      language: 'python',
      status: 'partial',
      symbols: 2,
      chunks: 0,
      large: false,
      sizeBytes: 120,
      contentHash: 'h1',
      error: null,
      cacheable: true,
    });
    expect(failed?.facts).toMatchObject({ status: 'failed', error: 'boom', cacheable: false });
    expect(skipped?.facts).toMatchObject({ status: 'skipped', language: null, error: 'binary', cacheable: true });
  });

  it('merged per-record summaries equal the summary of all records', () => {
    const direct = emptyParseSummary();
    const merged = emptyParseSummary();
    for (const record of records()) {
      addToSummary(direct, record);
      mergeSummary(merged, recordLine(record).summary);
    }
    expect(merged).toEqual(direct);
    expect(merged).toMatchObject({ files: 3, directories: 1, failed: 1, timedOut: 1, symbols: 2, references: 1 });
    expect(merged.symbolsByKind).toEqual({ class: 1, method: 1 });
    expect(merged.skipped).toEqual({ binary: 1 });
  });
});
