import type { IndexedSymbol } from './indexed-file.js';

/**
 * The symbols of one file by name and by qualified name, so a lookup reads only the symbols that carry the name it
 * asks for instead of every symbol of the file. Built once from a symbol list that never changes, as one sorted
 * array of small integers (a few bytes per symbol: there is one per file of the repository).
 */
export class SymbolNameIndex {
  // Sorted by key, then by position: `2 * position` keys a symbol by its name, `2 * position + 1` by its
  // qualified name when that differs.
  private readonly entries: number[];

  constructor(readonly symbols: readonly IndexedSymbol[]) {
    const qualified = symbols.filter((s) => s.qualifiedName !== s.name).length;
    this.entries = new Array<number>(symbols.length + qualified);
    let next = 0;
    for (let i = 0; i < symbols.length; i++) {
      this.entries[next++] = 2 * i;
      if (symbols[i]!.qualifiedName !== symbols[i]!.name) this.entries[next++] = 2 * i + 1;
    }
    this.entries.sort((a, b) => {
      const ka = this.keyOf(a);
      const kb = this.keyOf(b);
      return ka < kb ? -1 : ka > kb ? 1 : a - b;
    });
  }

  /** The first symbol (in file order) whose name or qualified name is `key` and that `test` takes, or undefined. */
  first(key: string, test: (s: IndexedSymbol) => boolean): IndexedSymbol | undefined {
    const position = this.firstPosition(key, test);
    return position < 0 ? undefined : this.symbols[position];
  }

  /** The position of `symbol` in the file's symbols, or -1. */
  indexOf(symbol: IndexedSymbol): number {
    return this.firstPosition(symbol.name, (s) => s === symbol);
  }

  private firstPosition(key: string, test: (s: IndexedSymbol) => boolean): number {
    for (let i = this.lowerBound(key); i < this.entries.length; i++) {
      const entry = this.entries[i]!;
      if (this.keyOf(entry) !== key) break;
      if (test(this.symbols[entry >> 1]!)) return entry >> 1;
    }
    return -1;
  }

  private keyOf(entry: number): string {
    const symbol = this.symbols[entry >> 1]!;
    return (entry & 1) === 0 ? symbol.name : symbol.qualifiedName;
  }

  private lowerBound(key: string): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.keyOf(this.entries[mid]!) < key) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
