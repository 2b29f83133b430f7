import path from 'node:path';
import type { SymlinkTarget, WalkDirent, WalkSource } from '../parsers/walk-tree.js';
import type { TreeEntry } from './list-tree.js';
import { readObjects, runGit } from './run-git.js';

const MAX_LINKS = 40;

function kindOf(entry: TreeEntry): WalkDirent['kind'] {
  if (entry.type === 'tree' || entry.type === 'commit') return 'directory';
  return entry.mode === '120000' ? 'symlink' : 'file';
}

/**
 * A commit's tree as a {@link WalkSource}: the walk reads names, sizes and blob ids from `git ls-tree` output and
 * `.gitignore` files and symlink targets from the repository, so a run can decide what to parse without a
 * checkout. A submodule is an empty directory, as in a checkout; `absolutePath` names where `checkoutDir` will
 * hold a file once it is written there.
 */
export function createGitWalkSource(gitDir: string, entries: readonly TreeEntry[], checkoutDir: string): WalkSource {
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const children = new Map<string, WalkDirent[]>([['.', []]]);
  for (const entry of entries) {
    const slash = entry.path.lastIndexOf('/');
    const dir = slash < 0 ? '.' : entry.path.slice(0, slash);
    const list = children.get(dir) ?? [];
    list.push({ name: entry.path.slice(slash + 1), kind: kindOf(entry) });
    children.set(dir, list);
    if (kindOf(entry) === 'directory' && !children.has(entry.path)) children.set(entry.path, []);
  }
  // The walk reads every `.gitignore`: all of them come through one `cat-file --batch` the first time one is read.
  let ignoreFiles: Promise<Map<string, string>> | null = null;
  const readIgnoreFiles = async (): Promise<Map<string, string>> => {
    const texts = new Map<string, string>();
    const oids = entries.filter((e) => kindOf(e) === 'file' && path.posix.basename(e.path) === '.gitignore').map((e) => e.oid);
    // One that cannot be read this way is read on its own below, with its own error.
    await readObjects(gitDir, [...new Set(oids)], (oid, bytes) => {
      texts.set(oid, bytes.toString('utf8'));
    }).catch(() => texts.clear());
    return texts;
  };
  const blobText = async (oid: string): Promise<string> => {
    ignoreFiles ??= readIgnoreFiles();
    return (await ignoreFiles).get(oid) ?? (await runGit(['cat-file', 'blob', oid], { gitDir })).toString('utf8');
  };

  // Resolves a path component by component, expanding symlinks the way the file system would.
  async function resolve(relative: string): Promise<{ path: string; entry: TreeEntry } | 'outside' | 'broken'> {
    const pending = relative.split('/');
    const done: string[] = [];
    for (let links = 0; pending.length > 0;) {
      const part = pending.shift()!;
      if (part === '' || part === '.') continue;
      if (part === '..') {
        if (done.length === 0) return 'outside';
        done.pop();
        continue;
      }
      const current = [...done, part].join('/');
      const entry = byPath.get(current);
      if (entry == null) return 'broken';
      if (kindOf(entry) === 'symlink') {
        if (++links > MAX_LINKS) return 'broken';
        const target = await blobText(entry.oid);
        if (path.posix.isAbsolute(target)) return 'outside';
        pending.unshift(...target.split('/'));
        continue;
      }
      done.push(part);
    }
    const final = done.join('/');
    const entry = byPath.get(final);
    return entry == null ? 'broken' : { path: final, entry };
  }

  return {
    root: checkoutDir,
    absolutePath: (relative) => (relative === '.' ? checkoutDir : path.join(checkoutDir, relative)),
    async readdir(relative) {
      const list = children.get(relative);
      if (list == null) throw new Error(`${relative} is not a directory of the tree`);
      return list;
    },
    async readText(relative) {
      const found = await resolve(relative);
      if (typeof found === 'string' || kindOf(found.entry) !== 'file') return null;
      return blobText(found.entry.oid).catch(() => null);
    },
    contains: async (dir, name) => byPath.has(dir === '.' ? name : `${dir}/${name}`),
    async fileInfo(relative) {
      const entry = byPath.get(relative);
      return entry == null || entry.size == null ? null : { sizeBytes: entry.size, blobOid: entry.oid };
    },
    async resolveSymlink(relative): Promise<SymlinkTarget> {
      const found = await resolve(relative);
      if (found === 'outside' || found === 'broken') return { kind: found };
      if (kindOf(found.entry) !== 'file' || found.entry.size == null) return { kind: 'directory' };
      return { kind: 'file', relativePath: found.path, sizeBytes: found.entry.size, blobOid: found.entry.oid };
    },
    rootExcludes: async () => null,
  };
}
