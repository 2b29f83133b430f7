import type { ParseRecord } from './parse-record.js';
import { addToSummary, emptyParseSummary, type ParseSummary } from './parse-summary.js';

/** One record as a pool thread hands it back: its NDJSON line (no newline) and its counts. */
export interface RecordLine {
  line: string;
  summary: ParseSummary;
}

/** Serialises `record` once, in whichever thread made it, with the summary counts of that one record. */
export function recordLine(record: ParseRecord): RecordLine {
  const summary = emptyParseSummary();
  addToSummary(summary, record);
  return { line: JSON.stringify(record), summary };
}
