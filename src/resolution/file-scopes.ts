import { TYPE_KINDS, type IndexedSymbol } from './indexed-file.js';

/** Index of the innermost symbol whose lines contain `line` (the caller of a call on that line), or null. */
export function innermostSymbol(symbols: readonly IndexedSymbol[], line: number): number | null {
  let best: number | null = null;
  symbols.forEach((s, i) => {
    if (s.startLine > line || s.endLine < line) return;
    const current = best == null ? null : symbols[best];
    if (current == null || s.endLine - s.startLine <= current.endLine - current.startLine) best = i;
  });
  return best;
}

/** Index of the nearest type (class, interface, …) around the symbol at `from`, itself included, or null. */
export function enclosingType(symbols: readonly IndexedSymbol[], from: number | null): number | null {
  let current: number | null = from;
  for (let guard = 0; current != null && guard <= symbols.length; guard++) {
    const symbol: IndexedSymbol | undefined = symbols[current];
    if (symbol == null) return null;
    if (TYPE_KINDS.has(symbol.kind)) return current;
    current = symbol.parent;
  }
  return null;
}
