import { diffFragment, type OwnerChanges } from '../graph/diff-fragments.js';
import type { Fragment } from '../graph/fragment.js';
import type { BranchUpdateSink, OwnerUpdate } from './branch-update.js';

/** A fragment sink that compares each owner's fragment with what is stored and hands the writes to `add`. */
export function writeChanges(add: (changes: OwnerChanges) => Promise<void>): BranchUpdateSink['fragment'] {
  return (update) => add(diffFragment(update.owner, update.next, update.stored));
}

/** A fragment sink that keeps each owner's fragment (null: gone) and writes nothing: one side of a graph diff. */
export class FragmentCollector {
  readonly fragments = new Map<string, Fragment | null>();

  readonly fragment = (update: OwnerUpdate): Promise<void> => {
    this.fragments.set(update.owner, update.next);
    return Promise.resolve();
  };
}
