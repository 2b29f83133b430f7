import type { ParseRecord } from './parse-record.js';
import { readJsonLines } from './read-json-lines.js';

/** Streams the records of a `parsed.ndjson` file one line at a time, so memory stays flat on big repositories. */
export function readParseRecords(parsedPath: string): AsyncGenerator<ParseRecord> {
  return readJsonLines<ParseRecord>(parsedPath);
}
