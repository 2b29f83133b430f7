import { open } from 'node:fs/promises';

const CHUNK_BYTES = 1 << 20;
const NEWLINE = 0x0a;
const RETURN = 0x0d;

/** A line of a file, without its line end, with the byte offset where it starts and its length in bytes. */
export interface FileLine {
  line: string;
  offset: number;
  bytes: number;
}

/**
 * The lines of a UTF-8 file, read in 1 MB pieces. Each line is decoded once, straight from the bytes: a reader
 * of gigabytes of NDJSON never builds a decoded copy of every piece on top of its lines, and a line longer than
 * a piece is joined once, not piece by piece.
 */
export async function* readLinesOf(path: string): AsyncGenerator<FileLine> {
  const handle = await open(path, 'r');
  try {
    let pending: Buffer[] = [];
    let lineOffset = 0;
    for (let position = 0; ; ) {
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, position);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      let start = 0;
      for (let end = chunk.indexOf(NEWLINE, start); end >= 0; end = chunk.indexOf(NEWLINE, start)) {
        const piece = chunk.subarray(start, end);
        const whole = pending.length === 0 ? piece : Buffer.concat([...pending, piece]);
        pending = [];
        const stop = whole.length > 0 && whole[whole.length - 1] === RETURN ? whole.length - 1 : whole.length;
        yield { line: whole.toString('utf8', 0, stop), offset: lineOffset, bytes: whole.length };
        lineOffset += whole.length + 1;
        start = end + 1;
      }
      if (start < bytesRead) pending.push(chunk.subarray(start));
      position += bytesRead;
    }
    if (pending.length > 0) {
      const whole = Buffer.concat(pending);
      yield { line: whole.toString('utf8'), offset: lineOffset, bytes: whole.length };
    }
  } finally {
    await handle.close();
  }
}

/** The values of an NDJSON file, one per non-blank line. */
export async function* readJsonLines<T>(path: string): AsyncGenerator<T> {
  for await (const { line } of readLinesOf(path)) {
    if (line.trim() !== '') yield JSON.parse(line) as T;
  }
}
