import type { TextChunk } from './parsed-file.js';

/** Chunk size and overlap in Unicode code points (as in the original: 1000 and 200). */
export interface ChunkOptions {
  size: number;
  overlap: number;
}

const DEFAULT_CHUNKING: ChunkOptions = { size: 1000, overlap: 200 };

/**
 * Splits a text file into overlapping chunks with the original's semantics: lengths in code points, universal
 * newlines, a chunk ends after the last newline (else space) within the final `overlap` code points of its
 * window. Fixed relative to the original: the chunk that reaches the end of the text is the last one, and
 * `startLine`/`endLine` are the real 0-based lines of the chunk's first and last character.
 */
export function chunkText(relativePath: string, raw: string, options: ChunkOptions = DEFAULT_CHUNKING): TextChunk[] {
  const text = raw.replace(/\r\n?/g, '\n');
  if (text.trim() === '') return [];
  const chars: ArrayLike<string> & { slice(start: number, end: number): string | string[] } = /[\uD800-\uDFFF]/.test(
    text,
  )
    ? Array.from(text)
    : text;
  const join = (start: number, end: number): string => {
    const part = chars.slice(start, end);
    return typeof part === 'string' ? part : part.join('');
  };
  const length = chars.length;
  const chunks: TextChunk[] = [];
  let line = 0;
  let lineAt = 0;
  const lineOf = (position: number): number => {
    for (; lineAt < position; lineAt++) if (chars[lineAt] === '\n') line++;
    return line;
  };
  let start = 0;
  for (;;) {
    let end = start + options.size;
    if (end < length) end = splitPoint(chars, start, end, options.overlap);
    const stop = Math.min(end, length);
    const startLine = lineOf(start);
    const body = join(start, stop);
    const endLine = startLine + countNewlines(body.endsWith('\n') ? body.slice(0, -1) : body);
    chunks.push({ relativePath, index: chunks.length, text: body, startLine, endLine });
    if (end >= length) return chunks;
    start = end - options.overlap;
  }
}

function splitPoint(chars: ArrayLike<string>, start: number, end: number, overlap: number): number {
  for (const separator of ['\n', ' ']) {
    for (let p = end - 1; p >= end - overlap && p > start; p--) {
      if (chars[p] === separator) return p + 1;
    }
  }
  return end;
}

function countNewlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
