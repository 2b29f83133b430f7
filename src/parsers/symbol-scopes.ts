/** Byte range and parent of one symbol, as `SymbolScopes` needs them. */
export interface SymbolSpan {
  startIndex: number;
  endIndex: number;
  parent: number | null;
}

/**
 * Answers "which symbol encloses this offset" for the symbols of one file without touching the tree: symbols nest
 * by byte containment, so the innermost symbol around an offset is the last one starting at or before it, or one
 * of that symbol's ancestors.
 */
export class SymbolScopes {
  private readonly order: number[];

  constructor(private readonly spans: readonly SymbolSpan[]) {
    this.order = spans
      .map((_, i) => i)
      .sort(
        (a, b) =>
          spanAt(spans, a).startIndex - spanAt(spans, b).startIndex ||
          spanAt(spans, b).endIndex - spanAt(spans, a).endIndex,
      );
  }

  /** Index of the innermost symbol whose byte range contains `offset`, or null outside every symbol. */
  innermost(offset: number): number | null {
    let lo = 0;
    let hi = this.order.length - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (spanAt(this.spans, this.order[mid] ?? 0).startIndex <= offset) {
        last = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    let current: number | null = last < 0 ? null : (this.order[last] ?? null);
    for (let guard = 0; current != null && guard <= this.spans.length; guard++) {
      const span = spanAt(this.spans, current);
      if (span.endIndex > offset) return current;
      current = span.parent;
    }
    return null;
  }
}

function spanAt(spans: readonly SymbolSpan[], i: number): SymbolSpan {
  return spans[i] ?? { startIndex: 0, endIndex: 0, parent: null };
}
