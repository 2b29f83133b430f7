import { parseFile } from '../../../src/parsers/parse-file.js';
import type { ParsedFile } from '../../../src/parsers/parsed-file.js';

/** The parity limits (1 MB / 10 MB / 500 symbols) with a generous time budget. */
export const TEST_CONFIG = {
  maxFileBytes: 1_000_000,
  maxAbsoluteFileBytes: 10_000_000,
  maxSymbolsPerFile: 500,
  fileTimeoutMs: 20_000,
};

/** Parses `source` (a string or raw bytes) as the file `relativePath` with TEST_CONFIG plus `overrides`. */
export function parseSource(
  relativePath: string,
  source: string | Uint8Array,
  overrides: Partial<typeof TEST_CONFIG> = {},
): Promise<ParsedFile> {
  const bytes = typeof source === 'string' ? new TextEncoder().encode(source) : source;
  return parseFile({ relativePath, bytes, config: { ...TEST_CONFIG, ...overrides } });
}

/** `kind qualifiedName startLine-endLine` of every symbol, for compact assertions. */
export function outline(file: ParsedFile): string[] {
  return file.symbols.map((s) => `${s.kind} ${s.qualifiedName} ${s.startLine}-${s.endLine}`);
}
