import fs from 'node:fs/promises';
import path from 'node:path';
import { walkTree, type WalkDirent, type WalkEntry, type WalkOptions, type WalkSource } from './walk-tree.js';

export type { WalkEntry, WalkOptions } from './walk-tree.js';

const MAX_LINKS = 40;

// A link that does not resolve is outside the tree when its chain leaves the tree before it reaches what is
// missing, as a walk of the commit's git tree decides: what exists outside a checkout must not change the answer.
async function leavesTree(root: string, relative: string): Promise<boolean> {
  const pending = relative.split('/');
  const done: string[] = [];
  for (let links = 0; pending.length > 0; ) {
    const part = pending.shift()!;
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (done.length === 0) return true;
      done.pop();
      continue;
    }
    const current = path.join(root, ...done, part);
    const info = await fs.lstat(current).catch(() => null);
    if (info == null) return false;
    if (info.isSymbolicLink()) {
      if (++links > MAX_LINKS) return false;
      const target = await fs.readlink(current);
      if (path.posix.isAbsolute(target)) return true;
      pending.unshift(...target.split('/'));
      continue;
    }
    done.push(part);
  }
  return false;
}

/** A directory on disk as a {@link WalkSource}; symlinks are resolved against its real path. */
export async function createDiskWalkSource(root: string): Promise<WalkSource> {
  const absoluteRoot = path.resolve(root);
  const stat = await fs.stat(absoluteRoot);
  if (!stat.isDirectory()) throw new Error(`${absoluteRoot} is not a directory`);
  const realRoot = await fs.realpath(absoluteRoot);
  const abs = (relative: string): string => (relative === '.' ? absoluteRoot : path.join(absoluteRoot, relative));
  return {
    root: absoluteRoot,
    absolutePath: abs,
    async readdir(relative) {
      const entries = await fs.readdir(abs(relative), { withFileTypes: true });
      return entries.map(
        (e): WalkDirent => ({
          name: e.name,
          kind: e.isDirectory() ? 'directory' : e.isFile() ? 'file' : e.isSymbolicLink() ? 'symlink' : 'other',
        }),
      );
    },
    readText: (relative) => fs.readFile(abs(relative), 'utf8').catch(() => null),
    contains: (dir, name) =>
      fs.access(path.join(abs(dir), name)).then(
        () => true,
        () => false,
      ),
    async fileInfo(relative) {
      const info = await fs.stat(abs(relative)).catch(() => null);
      return info == null ? null : { sizeBytes: info.size };
    },
    async resolveSymlink(relative) {
      const target = await fs.realpath(abs(relative)).catch(() => null);
      if (target == null) return { kind: (await leavesTree(absoluteRoot, relative)) ? 'outside' : 'broken' };
      if (target !== realRoot && !target.startsWith(realRoot + path.sep)) return { kind: 'outside' };
      const info = await fs.stat(target).catch(() => null);
      if (info == null || !info.isFile()) return { kind: 'directory' };
      return { kind: 'file', relativePath: path.relative(realRoot, target).split(path.sep).join('/'), sizeBytes: info.size };
    },
    rootExcludes: () => fs.readFile(path.join(absoluteRoot, '.git', 'info', 'exclude'), 'utf8').catch(() => null),
  };
}

/**
 * Walks a directory on disk (a checkout or any directory) with the repository rules of {@link walkTree}. Throws
 * only when `root` itself is not a readable directory.
 */
export async function* walkRepository(root: string, options: WalkOptions): AsyncGenerator<WalkEntry> {
  yield* walkTree(await createDiskWalkSource(root), options);
}
