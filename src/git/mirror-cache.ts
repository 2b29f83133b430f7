import { createHash } from 'node:crypto';
import { mkdir, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GitCommandError, GitHttpStatusError } from './classify-git-error.js';
import { withDirLock, withDirLockIfFree } from './dir-lock.js';
import { hasCommit } from './list-tree.js';
import type { RepoSource } from './repo-source.js';
import { runGit } from './run-git.js';

/** Where mirrors live and how much disk they may take. */
export interface MirrorCacheOptions {
  /** `REPOGRAPH_MIRROR_DIR`. */
  root: string;
  /** `REPOGRAPH_MIRROR_MAX_BYTES`: past it, the least recently used mirrors are deleted. */
  maxBytes: number;
}

/** A mirror holding the commit a run asked for. */
export interface Mirror {
  gitDir: string;
  /** How the commit got there: already present, fetched into an existing mirror, or a new mirror. */
  state: 'up-to-date' | 'fetched' | 'cloned';
}

const LAST_USED = 'repograph-last-used';

async function sizeOf(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += await sizeOf(full);
    else total += (await stat(full).catch(() => null))?.size ?? 0;
  }
  return total;
}

// A failure of git on a mirror we already had may come from the mirror (damaged objects, a broken shallow file)
// or from the host (unknown commit, no network); only the first is worth a fresh clone. An answer of the host
// (HTTP status) says nothing about our copy.
function mayBeDamaged(error: unknown): boolean {
  return error instanceof GitCommandError && !(error instanceof GitHttpStatusError);
}

// The object directory of a repository on this machine, or null when git cannot tell (the mirror then fetches).
async function localObjectDir(url: string, signal?: AbortSignal): Promise<string | null> {
  try {
    const out = await runGit(['rev-parse', '--path-format=absolute', '--git-common-dir'], {
      gitDir: null,
      cwd: fileURLToPath(url),
      signal,
    });
    const objects = path.join(out.toString('utf8').replace(/\n$/, ''), 'objects');
    // The alternates file holds one path per line, and a leading quote would be read as C quoting.
    return /[\n"]/.test(objects) ? null : objects;
  } catch (error) {
    if (error instanceof GitCommandError) return null;
    throw error;
  }
}

// A mirror is usable when git can read it and every commit it remembers still has its tree.
async function isHealthy(gitDir: string, signal?: AbortSignal): Promise<boolean> {
  try {
    const refs = (await runGit(['for-each-ref', '--format=%(objectname)', 'refs/repograph/'], { gitDir, signal }))
      .toString('utf8')
      .split('\n')
      .filter(Boolean);
    for (const oid of refs) await runGit(['cat-file', '-e', `${oid}^{tree}`], { gitDir, signal });
    return true;
  } catch (error) {
    if (error instanceof GitCommandError) return false;
    throw error;
  }
}

/**
 * A worker's cache of bare, shallow mirrors, one per source URL. A run fetches only the objects its commit adds
 * to what the mirror has (the commits fetched before stay referenced under `refs/repograph/`, so git negotiates
 * from them), then reads the commit's tree and files straight from the mirror. Credentials are passed to each
 * fetch through the environment and never written into a mirror's config. Runs of one repository are
 * serialised by a lock per mirror; a mirror that git cannot use is deleted and cloned afresh; past
 * `maxBytes` the least recently used mirrors are deleted.
 */
export class MirrorCache {
  constructor(readonly options: MirrorCacheOptions) {}

  /** The bare repository of `source` (it may not exist yet). */
  gitDirOf(source: RepoSource): string {
    const key = createHash('sha256').update(source.url).digest('hex').slice(0, 32);
    return path.join(this.options.root, `${key}.git`);
  }

  /**
   * Makes sure the mirror of `source` has `sha` (remembered under `refs/repograph/<refName>`) and runs `use`
   * with it while holding the mirror's lock, then evicts old mirrors if the cache is over its size. `fresh`
   * deletes the mirror first (the caller found it unreadable).
   */
  async withCommit<T>(
    source: RepoSource,
    sha: string,
    refName: string,
    use: (mirror: Mirror) => Promise<T>,
    options: { signal?: AbortSignal; fresh?: boolean } = {},
  ): Promise<T> {
    const { signal } = options;
    await mkdir(this.options.root, { recursive: true });
    const gitDir = this.gitDirOf(source);
    const result = await withDirLock(
      `${gitDir}.lock`,
      async () => {
        if (options.fresh === true) await rm(gitDir, { recursive: true, force: true });
        const state = await this.#ensureCommit(source, gitDir, sha, refName, signal);
        const now = new Date();
        await writeFile(path.join(gitDir, LAST_USED), '').catch(() => undefined);
        await utimes(path.join(gitDir, LAST_USED), now, now).catch(() => undefined);
        return use({ gitDir, state });
      },
      signal,
    );
    await this.evict(gitDir).catch(() => undefined);
    return result;
  }

  async #ensureCommit(
    source: RepoSource,
    gitDir: string,
    sha: string,
    refName: string,
    signal?: AbortSignal,
  ): Promise<Mirror['state']> {
    const existed = await stat(path.join(gitDir, 'HEAD')).then(
      () => true,
      () => false,
    );
    if (existed && (await hasCommit(gitDir, sha, signal))) {
      await this.#remember(gitDir, sha, refName, signal);
      return 'up-to-date';
    }
    try {
      if (!existed) await this.#init(source, gitDir, signal);
      // A repository on this machine that lends its objects shows the mirror the commit already. A fetch would
      // only make the source walk the commit's tree, and fail on an object it lacks without naming the file.
      if (!existed && source.isLocal && (await hasCommit(gitDir, sha, signal))) {
        await this.#remember(gitDir, sha, refName, signal);
        return 'cloned';
      }
      await this.#fetch(source, gitDir, sha, refName, signal);
      return existed ? 'fetched' : 'cloned';
    } catch (error) {
      if (!existed || !mayBeDamaged(error) || (await isHealthy(gitDir, signal))) throw error;
      await rm(gitDir, { recursive: true, force: true });
      await this.#init(source, gitDir, signal);
      await this.#fetch(source, gitDir, sha, refName, signal);
      return 'cloned';
    }
  }

  // A repository on this machine lends its objects to the mirror (as `git clone --shared` does) instead of
  // packing and copying them: the fetch then only records the commit. Should the source lose objects the mirror
  // remembers, the mirror fails its health check and is made again.
  async #init(source: RepoSource, gitDir: string, signal?: AbortSignal): Promise<void> {
    await rm(gitDir, { recursive: true, force: true });
    await mkdir(gitDir, { recursive: true });
    await runGit(['init', '--quiet', '--bare'], { gitDir, signal });
    const objects = source.isLocal ? await localObjectDir(source.url, signal) : null;
    if (objects != null) await writeFile(path.join(gitDir, 'objects', 'info', 'alternates'), `${objects}\n`);
  }

  async #fetch(source: RepoSource, gitDir: string, sha: string, refName: string, signal?: AbortSignal): Promise<void> {
    const config = await source.gitConfig();
    await runGit(['fetch', '--quiet', '--depth', '1', '--no-tags', '--no-recurse-submodules', '--', source.url, sha], {
      gitDir,
      config,
      signal,
    });
    await this.#remember(gitDir, sha, refName, signal);
  }

  async #remember(gitDir: string, sha: string, refName: string, signal?: AbortSignal): Promise<void> {
    const ref = `refs/repograph/${refName.replace(/[^A-Za-z0-9/_.-]/g, '_').replace(/\.\.+/g, '_')}`;
    await runGit(['update-ref', ref, sha], { gitDir, signal });
  }

  /** Deletes the least recently used mirrors (never `keep`, never a locked one) until the cache fits. */
  async evict(keep: string): Promise<string[]> {
    const entries = (await readdir(this.options.root, { withFileTypes: true })).filter(
      (e) => e.isDirectory() && e.name.endsWith('.git'),
    );
    const mirrors = await Promise.all(
      entries.map(async (e) => {
        const dir = path.join(this.options.root, e.name);
        const used = (await stat(path.join(dir, LAST_USED)).catch(() => null))?.mtimeMs ?? 0;
        const locked = await stat(`${dir}.lock`).then(
          () => true,
          () => false,
        );
        return { dir, used, locked, size: await sizeOf(dir) };
      }),
    );
    let total = mirrors.reduce((sum, m) => sum + m.size, 0);
    const evicted: string[] = [];
    for (const mirror of mirrors.sort((a, b) => a.used - b.used)) {
      if (total <= this.options.maxBytes) break;
      if (mirror.dir === keep || mirror.locked) continue;
      // The lock is taken for the deletion: a run that locked the mirror since the listing keeps it.
      const removed = await withDirLockIfFree(`${mirror.dir}.lock`, () =>
        rm(mirror.dir, { recursive: true, force: true }),
      );
      if (!removed) continue;
      total -= mirror.size;
      evicted.push(mirror.dir);
    }
    return evicted;
  }
}
