import type { LocalTypeRef } from '../parsers/parsed-file.js';

/**
 * The stated types of a file's local variables by variable and scope, each list in line order, so the binding
 * visible at a call is found among the bindings of that variable in that scope, without reading the others.
 */
export class LocalBindings {
  private readonly byVariable = new Map<string, Map<number | null, LocalTypeRef[]>>();

  constructor(locals: readonly LocalTypeRef[], scopeOf: (local: LocalTypeRef) => number | null) {
    for (const local of locals) {
      let scopes = this.byVariable.get(local.variable);
      if (scopes == null) {
        scopes = new Map();
        this.byVariable.set(local.variable, scopes);
      }
      const scope = scopeOf(local);
      const list = scopes.get(scope);
      if (list == null) scopes.set(scope, [local]);
      else list.push(local);
    }
    // A stable sort keeps the record order of bindings on one line, which decides between them.
    for (const scopes of this.byVariable.values())
      for (const list of scopes.values()) list.sort((a, b) => a.line - b.line);
  }

  /** Whether the file states a type for `variable` anywhere. */
  has(variable: string): boolean {
    return this.byVariable.has(variable);
  }

  /**
   * The binding of `variable` in `scope` on the latest line (up to `lastLine` when given). On that line an
   * annotation wins over the bindings before it in the record (`const x: Base = new Impl()`); null when none.
   */
  latest(variable: string, scope: number | null, lastLine: number | null): LocalTypeRef | null {
    const list = this.byVariable.get(variable)?.get(scope);
    if (list == null) return null;
    const end = lastLine == null ? list.length : upperBound(list, lastLine);
    if (end === 0) return null;
    const line = list[end - 1]!.line;
    let start = end - 1;
    while (start > 0 && list[start - 1]!.line === line) start--;
    let best = list[start]!;
    for (let i = start + 1; i < end; i++) if (list[i]!.via == null) best = list[i]!;
    return best;
  }
}

/** The number of bindings of a line-sorted list on or before `line`. */
function upperBound(list: readonly LocalTypeRef[], line: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid]!.line <= line) low = mid + 1;
    else high = mid;
  }
  return low;
}
