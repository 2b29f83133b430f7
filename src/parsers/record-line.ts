import type { ParseRecord } from './parse-record.js';
import { addToSummary, emptyParseSummary, type ParseSummary } from './parse-summary.js';
import { recordFacts, type RecordFacts } from './record-facts.js';

/** One record as a pool thread hands it back: its NDJSON line, its counts and, for a file, its facts. */
export interface RecordLine {
  /**
   * The line as UTF-8, newline included, in a buffer of its own: a thread transfers it instead of copying it, and
   * the receiving thread writes it out as it is, never holding the record as a string.
   */
  bytes: Uint8Array<ArrayBuffer>;
  summary: ParseSummary;
  /** Null for a directory. */
  facts: RecordFacts | null;
}

const utf8 = new TextEncoder();

/** Serialises `record` once, in whichever thread made it, with the summary counts and facts of that one record. */
export function recordLine(record: ParseRecord): RecordLine {
  const summary = emptyParseSummary();
  addToSummary(summary, record);
  const facts = record.type === 'file' ? recordFacts(record) : null;
  return { bytes: utf8.encode(`${JSON.stringify(record)}\n`), summary, facts };
}

/** The line of `record` without its newline, as a view of the same bytes. */
export function lineWithoutNewline(record: Pick<RecordLine, 'bytes'>): Uint8Array {
  return record.bytes.subarray(0, record.bytes.length - 1);
}
