import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { ParseRecord } from './parse-record.js';

/** Streams the records of a `parsed.ndjson` file one line at a time, so memory stays flat on big repositories. */
export async function* readParseRecords(parsedPath: string): AsyncGenerator<ParseRecord> {
  const lines = createInterface({ input: createReadStream(parsedPath, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() !== '') yield JSON.parse(line) as ParseRecord;
  }
}
