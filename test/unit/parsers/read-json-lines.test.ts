import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readJsonLines, readLinesOf } from '../../../src/parsers/read-json-lines.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'read-json-lines-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function collect<T>(lines: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

describe('readLinesOf', () => {
  it('gives every line with its byte offset, across pieces, with multi-byte text and CRLF', async () => {
    const lines = ['first', 'ü€𝄞 mixed', '', 'x'.repeat(3_500_000), 'crlf line', 'y'.repeat(1_048_575), 'last, no newline'];
    const text = `${lines[0]}\n${lines[1]}\n\n${lines[3]}\n${lines[4]}\r\n${lines[5]}\n${lines[6]}`;
    const file = path.join(dir, 'lines.txt');
    fs.writeFileSync(file, text);
    const bytes = fs.readFileSync(file);
    const read = await collect(readLinesOf(file));
    expect(read.map((l) => l.line)).toEqual(lines);
    for (const l of read) {
      const raw = bytes.subarray(l.offset, l.offset + l.bytes).toString('utf8');
      expect(raw.replace(/\r$/, '')).toBe(l.line);
    }
  });

  it('reads an empty file as no lines', async () => {
    const file = path.join(dir, 'empty.txt');
    fs.writeFileSync(file, '');
    expect(await collect(readLinesOf(file))).toEqual([]);
  });
});

describe('readJsonLines', () => {
  it('parses each non-blank line', async () => {
    const file = path.join(dir, 'values.ndjson');
    fs.writeFileSync(file, '{"a":1}\n\n  \n[2,"é"]\n');
    expect(await collect(readJsonLines(file))).toEqual([{ a: 1 }, [2, 'é']]);
  });
});
