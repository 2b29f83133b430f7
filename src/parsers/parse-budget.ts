import type { QueryOptions } from 'web-tree-sitter';

/** A per-file time budget shared by the parse and every query on its tree; once spent, work stops early. */
export class ParseBudget {
  readonly deadline: number;
  timedOut = false;

  constructor(timeoutMs: number, now: number = performance.now()) {
    this.deadline = now + timeoutMs;
  }

  /** True (and remembered) once the deadline has passed; usable as a tree-sitter progress callback. */
  readonly expired = (): boolean => {
    if (!this.timedOut && performance.now() > this.deadline) this.timedOut = true;
    return this.timedOut;
  };

  /** Query options that cancel the query when the budget is spent. */
  queryOptions(): QueryOptions {
    return { progressCallback: this.expired as QueryOptions['progressCallback'] };
  }
}
