import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listTree } from '../../../src/git/list-tree.js';
import { MirrorCache, type Mirror } from '../../../src/git/mirror-cache.js';
import type { RepoSource } from '../../../src/git/repo-source.js';
import { readObjects } from '../../../src/git/run-git.js';
import { commitFiles, createBareRepository } from '../../helpers/git-http-server.js';

// The mirror cache against real git: "remotes" are bare repositories in a temp dir, fetched over file://, which
// runs the same upload-pack negotiation as a remote host.

let root: string;
let mirrorRoot: string;

const git = (gitDir: string, ...args: string[]): string =>
  execFileSync('git', ['--git-dir', gitDir, ...args])
    .toString('utf8')
    .trim();

// A bare repository on disk, presented as a remote one: its objects are fetched into mirrors, not borrowed.
function remote(name: string, files: Record<string, string>): { bare: string; source: RepoSource; sha: string } {
  const bare = createBareRepository(path.join(root, 'remotes'), name, 'main');
  const sha = commitFiles(bare, 'main', files, 'initial');
  return { bare, sha, source: { url: pathToFileURL(bare).toString(), isLocal: false, gitConfig: async () => ({}) } };
}

// Enough files that the first fetch arrives as a pack (git unpacks small fetches into loose objects).
function manyFiles(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) files[`pkg/m${i % 7}/file_${i}.py`] = `def f${i}():\n    return ${i}\n`;
  return files;
}

/** Objects in a repository, loose and packed. */
function objectCount(gitDir: string): number {
  const stats = Object.fromEntries(
    git(gitDir, 'count-objects', '-v')
      .split('\n')
      .map((line) => line.split(': ') as [string, string]),
  );
  return Number(stats.count) + Number(stats['in-pack']);
}

/** What the commit's tree holds, read from the mirror: path → content of every blob. */
async function treeContents(gitDir: string, sha: string): Promise<Map<string, string>> {
  const blobs = (await listTree(gitDir, sha)).filter((e) => e.type === 'blob');
  const out = new Map<string, string>();
  await readObjects(
    gitDir,
    blobs.map((b) => b.oid),
    (oid, bytes) => {
      for (const b of blobs) if (b.oid === oid && !out.has(b.path)) out.set(b.path, bytes.toString('utf8'));
    },
  );
  return out;
}

/** The same, read from the remote with plain git. */
function remoteContents(bare: string, sha: string): Map<string, string> {
  const paths = git(bare, 'ls-tree', '-r', '--name-only', sha).split('\n').filter(Boolean);
  return new Map(
    paths.map((p) => [p, execFileSync('git', ['--git-dir', bare, 'show', `${sha}:${p}`]).toString('utf8')]),
  );
}

/** Bytes of the files under `dir` (what the cache's size bound counts). */
function bytesOf(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((sum, e) => sum + statSync(path.join(e.parentPath, e.name)).size, 0);
}

const stateOf = (cache: MirrorCache, source: RepoSource, sha: string, ref = 'heads/main') =>
  cache.withCommit(source, sha, ref, async (m: Mirror) => m.state);

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'rg-mirror-'));
  mirrorRoot = path.join(root, 'mirrors');
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('MirrorCache: clone and fetch', () => {
  it('clones a bare, shallow mirror on first use, creating a missing cache dir', async () => {
    const r = remote('acme/first', { 'a.py': 'x = 1\n', 'lib/b.py': 'y = 2\n' });
    const cache = new MirrorCache({ root: path.join(mirrorRoot, 'not', 'there', 'yet'), maxBytes: 1e12 });
    const mirror = await cache.withCommit(r.source, r.sha, 'heads/main', async (m) => m);
    expect(mirror.state).toBe('cloned');
    expect(git(mirror.gitDir, 'rev-parse', '--is-bare-repository')).toBe('true');
    expect(git(mirror.gitDir, 'rev-parse', '--is-shallow-repository')).toBe('true');
    expect(git(mirror.gitDir, 'rev-parse', 'refs/repograph/heads/main')).toBe(r.sha);
    expect(await treeContents(mirror.gitDir, r.sha)).toEqual(remoteContents(r.bare, r.sha));
    expect(await stateOf(cache, r.source, r.sha)).toBe('up-to-date');
  });

  it('fetches only the objects a new commit adds', async () => {
    const r = remote('acme/grow', manyFiles(150));
    const cache = new MirrorCache({ root: mirrorRoot, maxBytes: 1e12 });
    const gitDir = cache.gitDirOf(r.source);
    expect(await stateOf(cache, r.source, r.sha)).toBe('cloned');
    const afterClone = objectCount(gitDir);
    const packsAfterClone = readdirSync(path.join(gitDir, 'objects', 'pack')).filter((f) => f.endsWith('.pack'));
    expect(afterClone).toBe(Number(git(r.bare, 'rev-list', '--objects', '--count', r.sha)));
    expect(packsAfterClone).toHaveLength(1);

    const next = commitFiles(r.bare, 'main', { 'pkg/m3/file_3.py': 'def f3():\n    return -3\n' }, 'one change');
    const added = Number(git(r.bare, 'rev-list', '--objects', '--count', next, '--not', r.sha));
    expect(added).toBe(5); // commit, root tree, pkg/, pkg/m3/, the blob
    expect(await stateOf(cache, r.source, next)).toBe('fetched');
    expect(objectCount(gitDir) - afterClone).toBe(added);
    // The first pack is still the only pack: nothing of it was downloaded again.
    expect(readdirSync(path.join(gitDir, 'objects', 'pack')).filter((f) => f.endsWith('.pack'))).toEqual(
      packsAfterClone,
    );
    expect((await treeContents(gitDir, next)).get('pkg/m3/file_3.py')).toBe('def f3():\n    return -3\n');
  });

  it('reads exactly the commit asked for, also an older one than the mirror has', async () => {
    const r = remote('acme/history', { 'a.py': 'v = 1\n', 'gone.py': 'g = 1\n' });
    const second = commitFiles(r.bare, 'main', { 'a.py': 'v = 2\n', 'gone.py': null, 'new/n.py': 'n = 1\n' }, 'two');
    const cache = new MirrorCache({ root: mirrorRoot, maxBytes: 1e12 });
    const gitDir = cache.gitDirOf(r.source);
    expect(await stateOf(cache, r.source, second)).toBe('cloned');
    expect(await treeContents(gitDir, second)).toEqual(remoteContents(r.bare, second));
    expect(await stateOf(cache, r.source, r.sha, 'heads/old')).toBe('fetched');
    const first = await treeContents(gitDir, r.sha);
    expect(first).toEqual(remoteContents(r.bare, r.sha));
    expect(first.get('a.py')).toBe('v = 1\n');
    expect(first.has('new/n.py')).toBe(false);
  });

  it('clones again when the mirror directory was deleted between runs', async () => {
    const r = remote('acme/deleted', { 'a.py': 'x = 1\n' });
    const cache = new MirrorCache({ root: mirrorRoot, maxBytes: 1e12 });
    expect(await stateOf(cache, r.source, r.sha)).toBe('cloned');
    rmSync(cache.gitDirOf(r.source), { recursive: true, force: true });
    expect(await stateOf(cache, r.source, r.sha)).toBe('cloned');
  });
});

describe('MirrorCache: a damaged mirror is cloned afresh', () => {
  async function damagedRun(damage: (gitDir: string) => void): Promise<{ state: string; ok: boolean }> {
    const r = remote('acme/damaged', manyFiles(120));
    const cache = new MirrorCache({ root: mirrorRoot, maxBytes: 1e12 });
    await stateOf(cache, r.source, r.sha);
    damage(cache.gitDirOf(r.source));
    const next = commitFiles(r.bare, 'main', { 'pkg/m1/file_1.py': 'changed = True\n' }, 'after damage');
    const mirror = await cache.withCommit(r.source, next, 'heads/main', async (m) => m);
    const ok =
      JSON.stringify([...(await treeContents(mirror.gitDir, next))]) ===
      JSON.stringify([...remoteContents(r.bare, next)]);
    return { state: mirror.state, ok };
  }

  it('after objects/ was deleted', async () => {
    expect(await damagedRun((d) => rmSync(path.join(d, 'objects'), { recursive: true, force: true }))).toEqual({
      state: 'cloned',
      ok: true,
    });
  });

  it('after garbage was written into HEAD', async () => {
    expect(await damagedRun((d) => writeFileSync(path.join(d, 'HEAD'), 'garbage\0\0\n'))).toEqual({
      state: 'cloned',
      ok: true,
    });
  });

  it('after garbage was written into its packs', async () => {
    const garble = (gitDir: string): void => {
      const packDir = path.join(gitDir, 'objects', 'pack');
      for (const name of readdirSync(packDir)) writeFileSync(path.join(packDir, name), Buffer.alloc(4096, 0x5a));
    };
    // git cannot read the old pack, so it asks the host for everything again: a fetch that works needs no re-clone.
    const { state, ok } = await damagedRun(garble);
    expect(ok).toBe(true);
    expect(['fetched', 'cloned']).toContain(state);
  });

  it('`fresh` (the caller could not read the mirror) clones afresh even when the commit is there', async () => {
    const r = remote('acme/unreadable', manyFiles(120));
    const cache = new MirrorCache({ root: mirrorRoot, maxBytes: 1e12 });
    await stateOf(cache, r.source, r.sha);
    expect(await stateOf(cache, r.source, r.sha)).toBe('up-to-date');
    expect(await cache.withCommit(r.source, r.sha, 'heads/main', async (m) => m.state, { fresh: true })).toBe('cloned');
  });

  it('does not re-clone when the host does not have the commit', async () => {
    const r = remote('acme/unknown', { 'a.py': 'x = 1\n' });
    const cache = new MirrorCache({ root: mirrorRoot, maxBytes: 1e12 });
    await stateOf(cache, r.source, r.sha);
    const marker = path.join(cache.gitDirOf(r.source), 'objects', 'marker');
    writeFileSync(marker, '');
    await expect(stateOf(cache, r.source, 'f'.repeat(40))).rejects.toThrow(/fetch/);
    expect(existsSync(marker)).toBe(true);
  });
});

describe('MirrorCache: size-bounded LRU eviction', () => {
  it('evicts the least recently used mirrors until the cache fits, never the one just used', async () => {
    const a = remote('acme/a', manyFiles(40));
    const b = remote('acme/b', manyFiles(40));
    const c = remote('acme/c', manyFiles(40));
    const roomy = new MirrorCache({ root: mirrorRoot, maxBytes: 1e12 });
    for (const r of [a, b, c, a]) await stateOf(roomy, r.source, r.sha);
    // b is now the least recently used, then c, then a.
    const dirs = [a, b, c].map((r) => roomy.gitDirOf(r.source));
    expect(dirs.every(existsSync)).toBe(true);
    const room = bytesOf(dirs[0]!) + bytesOf(dirs[2]!) + 1024;
    expect(room).toBeLessThan(bytesOf(dirs[0]!) + bytesOf(dirs[1]!) + bytesOf(dirs[2]!));
    const tight = new MirrorCache({ root: mirrorRoot, maxBytes: room });
    await stateOf(tight, c.source, c.sha);
    expect(dirs.map(existsSync)).toEqual([true, false, true]);

    const none = new MirrorCache({ root: mirrorRoot, maxBytes: 0 });
    expect(await none.evict(dirs[2]!)).toEqual([dirs[0]]);
    expect(dirs.map(existsSync)).toEqual([false, false, true]);
  });

  it('never evicts a mirror another run is using', async () => {
    const a = remote('acme/in-use', manyFiles(20));
    const b = remote('acme/other', manyFiles(20));
    const cache = new MirrorCache({ root: mirrorRoot, maxBytes: 0 });
    const dirA = cache.gitDirOf(a.source);
    const dirB = cache.gitDirOf(b.source);
    await cache.withCommit(a.source, a.sha, 'heads/main', async () => {
      // While a's run holds its mirror, b's run ends and evicts everything it may.
      expect(await stateOf(cache, b.source, b.sha)).toBe('cloned');
      expect(existsSync(dirA)).toBe(true);
      expect(existsSync(dirB)).toBe(true);
    });
    expect(existsSync(dirA)).toBe(true);
    expect(existsSync(dirB)).toBe(false);
  });
});

describe('MirrorCache: concurrent runs of one repository', () => {
  it('serialises two parallel runs in one process', async () => {
    const r = remote('acme/parallel', manyFiles(60));
    const cache = new MirrorCache({ root: mirrorRoot, maxBytes: 1e12 });
    const spans: { start: number; end: number; state: string }[] = [];
    const run = () =>
      cache.withCommit(r.source, r.sha, 'heads/main', async (m) => {
        const start = performance.now();
        await new Promise((resolve) => setTimeout(resolve, 150));
        spans.push({ start, end: performance.now(), state: m.state });
      });
    await Promise.all([run(), run(), run()]);
    spans.sort((x, y) => x.start - y.start);
    expect(spans.map((s) => s.state)).toEqual(['cloned', 'up-to-date', 'up-to-date']);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
  });

  it('waits for a lock held by a live process of this host, and takes it over once that process died', async () => {
    const r = remote('acme/locked', { 'a.py': 'x = 1\n' });
    const cache = new MirrorCache({ root: mirrorRoot, maxBytes: 1e12 });
    const lockDir = `${cache.gitDirOf(r.source)}.lock`;
    const holder = spawn('sleep', ['60'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => holder.once('exit', resolve));
    try {
      mkdirSync(lockDir, { recursive: true });
      writeFileSync(path.join(lockDir, 'owner'), `${os.hostname()} ${holder.pid}`);
      let used = false;
      const running = cache.withCommit(r.source, r.sha, 'heads/main', async (m) => {
        used = true;
        return m.state;
      });
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(used).toBe(false);
      holder.kill('SIGKILL');
      await exited;
      expect(await running).toBe('cloned');
      expect(existsSync(lockDir)).toBe(false);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('takes over a stale lock left by a process that is gone', async () => {
    const r = remote('acme/stale', { 'a.py': 'x = 1\n' });
    const cache = new MirrorCache({ root: mirrorRoot, maxBytes: 1e12 });
    const dead = spawn('true', { stdio: 'ignore' });
    await new Promise((resolve) => dead.once('exit', resolve));
    const lockDir = `${cache.gitDirOf(r.source)}.lock`;
    mkdirSync(lockDir, { recursive: true });
    writeFileSync(path.join(lockDir, 'owner'), `${os.hostname()} ${dead.pid}`);
    expect(await stateOf(cache, r.source, r.sha)).toBe('cloned');
  });
});
