import { LANGUAGE_RULES } from './languages/index.js';
import type { RepoIndex } from './repo-index.js';
import { emptyRepoLayout, type RepoLayout } from './repo-layout.js';

/**
 * Reads the manifests resolution depends on (tsconfig.json, package.json workspaces, go.mod) from `repoRoot` and
 * derives Python source roots from the index: the part of each language family the repository has a file of.
 * With `repoRoot` null only the index is used.
 */
export function readRepoLayout(repoRoot: string | null, index: RepoIndex): RepoLayout {
  const languages = index.languages();
  const layout = emptyRepoLayout();
  for (const rules of LANGUAGE_RULES) {
    if (rules.readLayout != null && rules.languages.some((l) => languages.has(l))) {
      Object.assign(layout, rules.readLayout(repoRoot, index));
    }
  }
  return layout;
}

const MANIFESTS = new Set(LANGUAGE_RULES.flatMap((rules) => rules.manifests));

/** Whether the layout reads a file at this path (a manifest whose content changes how imports resolve). */
export function isLayoutManifest(relativePath: string): boolean {
  return MANIFESTS.has(relativePath.slice(relativePath.lastIndexOf('/') + 1));
}
