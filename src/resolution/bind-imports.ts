import { emptyBindings, type FileBindings } from './file-bindings.js';
import type { IndexedFile } from './indexed-file.js';
import { rulesFor } from './languages/index.js';
import type { RepoIndex } from './repo-index.js';
import type { RepoLayout } from './repo-layout.js';

/** Resolves every import of `file` and returns the bindings they create in the file's scope. */
export function bindImports(file: IndexedFile, index: RepoIndex, layout: RepoLayout): FileBindings {
  const out = emptyBindings();
  const rules = rulesFor(file.language);
  for (const ref of file.imports) rules.bindImport(ref, file, index, layout, out);
  return out;
}
