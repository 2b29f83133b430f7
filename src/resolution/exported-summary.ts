import { createHash } from 'node:crypto';
import type { IndexedFile } from './indexed-file.js';

// Other files' resolution reads a file's names, kinds, nesting, imports and bases, never where they are.
const POSITIONS = new Set(['startLine', 'endLine', 'startColumn', 'endColumn', 'line']);

function withoutPositions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPositions);
  if (value instanceof Map) return withoutPositions([...value.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  if (value == null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    if (!POSITIONS.has(key)) out[key] = withoutPositions((value as Record<string, unknown>)[key]);
  }
  return out;
}

/**
 * A hash of what other files' resolution can read from `file`: its index entry without positions. Editing a
 * function's body or moving it down a few lines leaves it unchanged, so the files that use it are not resolved
 * again; renaming, adding or removing a symbol or an import changes it.
 */
export function exportedSummaryHash(file: IndexedFile): string {
  return createHash('sha1').update(JSON.stringify(withoutPositions(file))).digest('hex');
}
