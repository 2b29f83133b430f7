import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { languageOfPath } from '../../../src/parsers/language-of-path.js';
import { createGitWalkSource } from '../../../src/git/git-walk-source.js';
import { listTree } from '../../../src/git/list-tree.js';
import { gitBlobOid } from '../../../src/parsers/parse-cache-key.js';
import { walkRepository } from '../../../src/parsers/walk-repository.js';
import { walkTree, type WalkEntry } from '../../../src/parsers/walk-tree.js';

// A commit walked from git objects must give what walking its checkout gives: the clone step decides what to
// parse from the tree alone, and an incremental run is only identical to a rebuild if both agree.

const OPTIONS = { maxAbsoluteFileBytes: 40_000, extraExcludedDirs: ['scratch'] };
const ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@e',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@e',
  GIT_CONFIG_NOSYSTEM: '1',
};

let root: string;
let repo: string;
let checkout: string;
let sha: string;

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, { cwd, env: ENV }).toString('utf8').trim();

function write(relative: string, content: string | Buffer): void {
  const file = path.join(repo, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

function link(relative: string, target: string): void {
  mkdirSync(path.dirname(path.join(repo, relative)), { recursive: true });
  symlinkSync(target, path.join(repo, relative));
}

async function collect(walk: AsyncIterable<WalkEntry>): Promise<WalkEntry[]> {
  const out: WalkEntry[] = [];
  for await (const entry of walk) out.push(entry);
  return out;
}

/** What both walks must agree on, plus the language the path selects. */
const comparable = (e: WalkEntry) => ({
  type: e.type,
  path: e.relativePath,
  absolutePath: e.absolutePath,
  size: e.sizeBytes,
  skip: e.skipReason,
  language: e.type === 'file' ? languageOfPath(e.relativePath) : null,
});

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'rg-git-walk-'));
  repo = path.join(root, 'repo');
  mkdirSync(repo);
  git(repo, 'init', '--quiet', '--initial-branch=main');
  write('.gitignore', '*.log\nbuild/\n!keep.log\n');
  write('README.md', '# demo\n');
  write('top.py', 'def top():\n    return 1\n');
  write('src/a/b/c.py', 'def c():\n    return 3\n');
  write('src/a/.gitignore', 'local_*.py\n');
  write('src/a/local_only.py', 'x = 1\n');
  write('src/a/kept.py', 'y = 2\n');
  write('src/main.ts', 'export const main = 1;\n');
  write('src/tool.sh', '#!/bin/sh\necho hi\n');
  chmodSync(path.join(repo, 'src/tool.sh'), 0o755);
  write('debug.log', 'ignored but committed\n');
  write('keep.log', 'negated\n');
  write('build/gen.py', 'generated = True\n');
  write('dir with space/naïve file.py', 'def naive():\n    return "ï"\n');
  write('日本/データ.go', 'package nihon\n\nfunc Data() int { return 1 }\n');
  write('big.py', `# big\n${'x = 1\n'.repeat(10_000)}`);
  write('blob.py', Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x50, 0x4b]));
  write('image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
  write('package.json', '{"name":"demo"}\n');
  write('package-lock.json', '{}\n');
  write('dist/bundle.js', 'var x = 1;\n');
  write('node_modules/dep/index.js', 'module.exports = 1;\n');
  write('.github/workflows/ci.yml', 'on: push\n');
  write('venv/pyvenv.cfg', 'home = /usr\n');
  write('venv/lib/site.py', 'x = 1\n');
  write('scratch/notes.py', 'x = 1\n');
  write('Docs/Guide.md', '# guide\n');
  write('docs/lower.md', '# lower\n');
  link('link_to_c.py', 'src/a/b/c.py');
  link('src/up.py', '../top.py');
  link('via_dir_link.py', 'dir_link/a/b/c.py');
  link('dir_link', 'src');
  link('chain.py', 'link_to_c.py');
  link('outside_abs.py', '/etc/hostname');
  link('outside_rel.py', `${'../'.repeat(12)}etc/hostname`);
  // Targets outside that do not exist: whether a host has them must not change the answer.
  link('outside_rel_missing.py', `${'../'.repeat(12)}nonexistent-rg/outside.py`);
  link('outside_abs_missing.py', '/nonexistent-rg/outside.py');
  link('src/a/outside_via_dir.py', '../../dir_link/../../nonexistent-rg/x.py');
  link('broken.py', 'missing/nowhere.py');
  link('to_big.py', 'big.py');
  link('loop_a.py', 'loop_b.py');
  link('loop_b.py', 'loop_a.py');
  link('src/a/b/up_dir', '..');
  git(repo, 'add', '-A');
  git(repo, 'add', '-f', 'debug.log', 'build/gen.py', 'src/a/local_only.py');
  // A submodule: a gitlink in the tree, an empty directory in a checkout that did not init it.
  git(repo, 'update-index', '--add', '--cacheinfo', `160000,${'1'.repeat(40)},vendored/sub`);
  git(repo, 'commit', '--quiet', '-m', 'fixture');
  sha = git(repo, 'rev-parse', 'HEAD');
  // The working tree moves on: the walk from git must describe the commit, not the working tree.
  write('top.py', 'def top():\n    return "changed, uncommitted"\n');
  write('untracked.py', 'x = 1\n');

  checkout = path.join(root, 'checkout');
  git(root, 'clone', '--quiet', '--no-checkout', repo, checkout);
  git(checkout, 'checkout', '--quiet', '--detach', sha);
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('git tree walk vs walk of a checkout', () => {
  it('yields the same entries: paths, sizes, skip reasons and languages', async () => {
    const gitDir = path.join(repo, '.git');
    const fromGit = await collect(
      walkTree(createGitWalkSource(gitDir, await listTree(gitDir, sha), checkout), OPTIONS),
    );
    const fromDisk = await collect(walkRepository(checkout, OPTIONS));
    expect(fromGit.map(comparable)).toEqual(fromDisk.map(comparable));

    // The fixture exercises what it claims to: the cases are there, with the outcomes the rules give.
    const byPath = new Map(fromGit.map((e) => [e.relativePath, e]));
    const skip = (p: string) => byPath.get(p)?.skipReason;
    expect(skip('big.py')).toBe('too-large');
    expect(skip('to_big.py')).toBe('too-large');
    expect(skip('blob.py')).toBeNull();
    expect(skip('image.png')).toBe('unsupported');
    expect(skip('outside_abs.py')).toBe('symlink-outside-repository');
    expect(skip('outside_rel.py')).toBe('symlink-outside-repository');
    expect(skip('outside_rel_missing.py')).toBe('symlink-outside-repository');
    expect(skip('outside_abs_missing.py')).toBe('symlink-outside-repository');
    expect(skip('broken.py')).toBe('broken-symlink');
    expect(skip('dir_link')).toBe('symlink-to-directory');
    expect(skip('src/a/b/up_dir')).toBe('symlink-to-directory');
    expect(skip('loop_a.py')).toBe('broken-symlink');
    expect(skip('package-lock.json')).toBe('excluded');
    for (const p of ['link_to_c.py', 'chain.py', 'via_dir_link.py', 'src/up.py']) expect(skip(p)).toBeNull();
    expect(byPath.get('dir with space/naïve file.py')?.type).toBe('file');
    expect(byPath.get('日本/データ.go')?.type).toBe('file');
    expect(byPath.get('vendored/sub')?.type).toBe('directory');
    for (const gone of [
      'debug.log',
      'build',
      'src/a/local_only.py',
      'dist',
      'node_modules',
      '.github',
      'venv',
      'scratch',
      'untracked.py',
    ]) {
      expect(byPath.has(gone)).toBe(false);
    }
    expect(byPath.has('keep.log')).toBe(true);
    expect(byPath.get('top.py')?.sizeBytes).toBe(readFileSync(path.join(checkout, 'top.py')).length);
  });

  it('gives every file the blob id of the bytes a checkout holds (a symlink: its target)', async () => {
    const gitDir = path.join(repo, '.git');
    const entries = await collect(
      walkTree(createGitWalkSource(gitDir, await listTree(gitDir, sha), checkout), OPTIONS),
    );
    const files = entries.filter((e) => e.type === 'file' && e.blobOid != null);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      expect({ path: file.relativePath, oid: gitBlobOid(readFileSync(file.absolutePath)) }).toEqual({
        path: file.relativePath,
        oid: file.blobOid,
      });
    }
    expect(entries.find((e) => e.relativePath === 'chain.py')?.blobOid).toBe(
      entries.find((e) => e.relativePath === 'src/a/b/c.py')?.blobOid,
    );
  });
});
