import { GitCommandError, MissingObjectsError } from './classify-git-error.js';
import { runGit } from './run-git.js';

/** One entry of a commit's tree: a file (blob), a symlink (blob, mode 120000), a directory or a submodule. */
export interface TreeEntry {
  /** POSIX path from the tree's root. */
  path: string;
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  /** Object id; for a submodule, the commit it points at. */
  oid: string;
  /** Bytes of a blob; null for directories and submodules. */
  size: number | null;
}

/**
 * Every entry of `sha`'s tree, directories included (`git ls-tree -r -t -l -z`). A blob the object store lacks
 * (git prints its size as `BAD`) is a {@link MissingObjectsError} naming it and its path.
 */
export async function listTree(gitDir: string, sha: string, signal?: AbortSignal): Promise<TreeEntry[]> {
  const out = await runGit(['ls-tree', '-r', '-t', '-l', '-z', '--full-tree', sha], { gitDir, signal });
  const entries: TreeEntry[] = [];
  const missing: { path: string; oid: string }[] = [];
  let start = 0;
  for (let end = out.indexOf(0, start); end >= 0; end = out.indexOf(0, start)) {
    const record = out.subarray(start, end).toString('utf8');
    start = end + 1;
    const tab = record.indexOf('\t');
    const [mode = '', type = '', oid = '', size = '-'] = record.slice(0, tab).split(/ +/);
    if (type !== 'blob' && type !== 'tree' && type !== 'commit') continue;
    if (type === 'blob' && !/^\d+$/.test(size)) missing.push({ path: record.slice(tab + 1), oid });
    entries.push({ path: record.slice(tab + 1), mode, type, oid, size: size === '-' ? null : Number(size) });
  }
  if (missing.length > 0) throw new MissingObjectsError(missing);
  return entries;
}

/** A path that differs between two commits, as `git diff-tree` reports it. */
export interface TreeChange {
  status: 'A' | 'D' | 'M' | 'T';
  path: string;
}

/** The files that differ between `base` and `head` (`git diff-tree -r --no-renames`): added, deleted, modified. */
export async function diffTrees(
  gitDir: string,
  base: string,
  head: string,
  signal?: AbortSignal,
): Promise<TreeChange[]> {
  const out = await runGit(['diff-tree', '-r', '--no-commit-id', '--name-status', '--no-renames', '-z', base, head], {
    gitDir,
    signal,
  });
  const fields = out.toString('utf8').split('\0');
  const changes: TreeChange[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const status = fields[i]?.charAt(0);
    const path = fields[i + 1] ?? '';
    if (status === 'A' || status === 'D' || status === 'M' || status === 'T') changes.push({ status, path });
  }
  return changes;
}

/** Whether the repository at `gitDir` has the commit `sha`. */
export async function hasCommit(gitDir: string, sha: string, signal?: AbortSignal): Promise<boolean> {
  try {
    await runGit(['cat-file', '-e', `${sha}^{commit}`], { gitDir, signal });
    return true;
  } catch (error) {
    if (error instanceof GitCommandError) return false;
    throw error;
  }
}
