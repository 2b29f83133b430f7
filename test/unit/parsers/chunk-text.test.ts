import { describe, expect, it } from 'vitest';
import { chunkText } from '../../../src/parsers/chunk-text.js';

const lengths = (text: string): number[] => chunkText('doc.md', text).map((c) => Array.from(c.text).length);

describe("chunkText (the original's chunking, with its line drift and empty tail chunk fixed)", () => {
  it('keeps a text of at most 1000 code points whole', () => {
    const chunks = chunkText('README.md', 'hello\nworld\n');
    expect(chunks).toEqual([{ relativePath: 'README.md', index: 0, text: 'hello\nworld\n', startLine: 0, endLine: 1 }]);
  });

  it('gives no chunk for whitespace-only text', () => {
    expect(chunkText('empty.md', ' \n\t\n')).toEqual([]);
    expect(chunkText('empty.md', '')).toEqual([]);
  });

  it('drops the redundant tail chunk of the worked examples (1700 → 1000+900, 2500 → 1000+1000+900)', () => {
    expect(lengths('x'.repeat(1700))).toEqual([1000, 900]);
    expect(lengths('x'.repeat(2500))).toEqual([1000, 1000, 900]);
  });

  it('counts code points, not UTF-16 units', () => {
    expect(lengths('😀'.repeat(1700))).toEqual([1000, 900]);
  });

  it('overlaps consecutive chunks by 200 code points from the nominal end', () => {
    const text = 'y'.repeat(2500);
    const [first, second] = chunkText('a.txt', text);
    expect(first!.text.slice(800)).toBe(second!.text.slice(0, 200));
  });

  it('ends a chunk after the last newline in the final 200 code points, else after a space', () => {
    const withNewline = `${'a'.repeat(899)}\n${'b'.repeat(600)}`;
    expect(chunkText('a.txt', withNewline)[0]!.text).toBe(`${'a'.repeat(899)}\n`);
    const withSpace = `${'a'.repeat(949)} ${'b'.repeat(600)}`;
    expect(chunkText('a.txt', withSpace)[0]!.text).toBe(`${'a'.repeat(949)} `);
  });

  it('reports the real 0-based lines of every chunk (no drift, never past the file)', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `line ${String(i).padStart(3, '0')} ${'.'.repeat(11)}`);
    const text = `${lines.join('\n')}\n`;
    const chunks = chunkText('README.md', text);
    expect(chunks[0]).toMatchObject({ startLine: 0, endLine: 46 });
    expect(chunks[1]!.startLine).toBe(37);
    for (const chunk of chunks) {
      const first = chunk.text.split('\n')[0]!;
      expect(lines[chunk.startLine]!.endsWith(first)).toBe(true);
      const last = chunk.text.replace(/\n$/, '').split('\n').at(-1)!;
      expect(lines[chunk.endLine]!.startsWith(last)).toBe(true);
    }
    expect(chunks.at(-1)!.endLine).toBe(399);
    expect(chunks.map((c) => c.index)).toEqual(chunks.map((_, i) => i));
  });

  it('translates CRLF and CR to LF like Python universal newlines', () => {
    const [chunk] = chunkText('win.txt', 'one\r\ntwo\rthree');
    expect(chunk).toMatchObject({ text: 'one\ntwo\nthree', startLine: 0, endLine: 2 });
  });
});
