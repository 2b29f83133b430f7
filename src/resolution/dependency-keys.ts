import { parentDir } from '../parsers/repo-path.js';

/**
 * What a file's resolution can depend on in the rest of the repository, as keys recorded while it resolves
 * (`RepoIndex` records them) and stored with the file: an incremental run re-resolves exactly the files whose keys
 * a commit changed. See docs/incremental-indexing.md.
 */
export type DependencyKind =
  /** What a file exports to others: its symbols' names, kinds, qualified names and parents, its imports, its bases. */
  | 'file'
  /** Whether a path is a file of the index. */
  | 'exists'
  /** Which files a directory holds (Go and JVM packages). */
  | 'list'
  /** Whether a directory exists (Python namespace packages). */
  | 'dir'
  /** Which directories end with a path (JVM package lookup). */
  | 'suffix';

const LETTERS: Record<DependencyKind, string> = { file: 's', exists: 'e', list: 'l', dir: 'd', suffix: 'x' };

/** The key of one dependency. */
export function dependencyKey(kind: DependencyKind, value: string): string {
  return `${LETTERS[kind]}:${value}`;
}

/** A key as the 32-bit integer stored in `indexed_files.deps` (FNV-1a); a collision only costs a re-resolve. */
export function hashDependencyKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/** What a commit changed, as far as other files' resolution can tell. */
export interface IndexChange {
  /** Files that appeared in or left the index. */
  addedFiles: Iterable<string>;
  removedFiles: Iterable<string>;
  /** Files that stayed but whose exported summary changed. */
  changedSummaries: Iterable<string>;
  addedDirs: Iterable<string>;
  removedDirs: Iterable<string>;
}

/** Every dependency key whose answer differs between the two commits. */
export function changedDependencyKeys(change: IndexChange): Set<string> {
  const keys = new Set<string>();
  for (const files of [change.addedFiles, change.removedFiles]) {
    for (const path of files) {
      keys.add(dependencyKey('file', path));
      keys.add(dependencyKey('exists', path));
      keys.add(dependencyKey('list', parentDir(path)));
    }
  }
  for (const path of change.changedSummaries) keys.add(dependencyKey('file', path));
  for (const dirs of [change.addedDirs, change.removedDirs]) {
    for (const dir of dirs) {
      keys.add(dependencyKey('dir', dir));
      // `dirsEndingWith(s)` matches `dir` for every tail `s` of its path.
      const parts = dir.split('/');
      for (let i = 0; i < parts.length; i++) keys.add(dependencyKey('suffix', parts.slice(i).join('/')));
    }
  }
  return keys;
}
