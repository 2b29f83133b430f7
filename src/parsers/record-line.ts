import type { ParseRecord } from './parse-record.js';
import { addToSummary, emptyParseSummary, type ParseSummary } from './parse-summary.js';
import { recordFacts, type RecordFacts } from './record-facts.js';

/** One record as a pool thread hands it back: its NDJSON line (no newline), its counts and, for a file, its facts. */
export interface RecordLine {
  line: string;
  summary: ParseSummary;
  /** Null for a directory. */
  facts: RecordFacts | null;
}

/** Serialises `record` once, in whichever thread made it, with the summary counts and facts of that one record. */
export function recordLine(record: ParseRecord): RecordLine {
  const summary = emptyParseSummary();
  addToSummary(summary, record);
  const facts = record.type === 'file' ? recordFacts(record) : null;
  return { line: JSON.stringify(record), summary, facts };
}
