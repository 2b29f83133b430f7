import { CALL_QUERIES } from './call-queries.js';
import { IMPORT_QUERIES } from './import-queries.js';
import type { NamedQuery } from './named-query.js';
import { REPO_QUERIES } from './repo-queries.js';
import { SYMBOL_QUERIES } from './symbol-queries.js';

/** Every named query, in the order `--list` and docs/queries.md show them. */
export const NAMED_QUERIES: readonly NamedQuery[] = Object.freeze([
  ...REPO_QUERIES,
  ...SYMBOL_QUERIES,
  ...CALL_QUERIES,
  ...IMPORT_QUERIES,
]);

/** The query called `name`, or undefined. */
export function findNamedQuery(name: string): NamedQuery | undefined {
  return NAMED_QUERIES.find((q) => q.name === name);
}
