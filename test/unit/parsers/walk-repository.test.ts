import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { walkRepository, type WalkEntry } from '../../../src/parsers/walk-repository.js';

const OPTIONS = { maxAbsoluteFileBytes: 10_000_000, extraExcludedDirs: [] as string[] };
let root: string;

function write(relative: string, content = ''): void {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

async function walk(options: Partial<typeof OPTIONS> = {}): Promise<WalkEntry[]> {
  const entries: WalkEntry[] = [];
  for await (const entry of walkRepository(root, { ...OPTIONS, ...options })) entries.push(entry);
  return entries;
}

const paths = (entries: WalkEntry[]): string[] =>
  entries.map(
    (e) => `${e.type === 'directory' ? 'd' : 'f'} ${e.relativePath}${e.skipReason ? ` (${e.skipReason})` : ''}`,
  );

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'walk-test-'));
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe("walkRepository (the original's walk, with its defects fixed)", () => {
  it('walks pre-order, directories before files, names case-insensitive', async () => {
    for (const file of ['b.py', 'A.py', 'zeta/x.py', 'Alpha/y.py', 'Alpha/inner/z.py', 'c.md']) write(file);
    expect(paths(await walk())).toEqual([
      'd .',
      'd Alpha',
      'd Alpha/inner',
      'f Alpha/inner/z.py',
      'f Alpha/y.py',
      'd zeta',
      'f zeta/x.py',
      'f A.py',
      'f b.py',
      'f c.md',
    ]);
  });

  it('honours root and nested .gitignore files, including negation', async () => {
    write('.gitignore', '*.log\ngenerated/\n!keep.log\n');
    write('pkg/.gitignore', 'local.py\n');
    for (const file of ['a.log', 'keep.log', 'generated/g.py', 'pkg/local.py', 'pkg/kept.py', 'other/local.py'])
      write(file);
    expect(paths(await walk())).toEqual([
      'd .',
      'd other',
      'f other/local.py',
      'd pkg',
      'f pkg/.gitignore (excluded)',
      'f pkg/kept.py',
      'f .gitignore (excluded)',
      'f keep.log (unsupported)',
    ]);
  });

  it('skips dependency, cache and hidden directories at any depth, and configured extra names', async () => {
    for (const file of [
      'node_modules/x.js',
      'src/node_modules/y.js',
      '.git/HEAD',
      '.github/w.py',
      'src/__pycache__/m.py',
      'gen/x.py',
      'src/ok.py',
    ]) {
      write(file);
    }
    expect(paths(await walk({ extraExcludedDirs: ['GEN'] }))).toEqual(['d .', 'd src', 'f src/ok.py']);
  });

  it('skips build/dist/out/vendor only next to a project manifest, and any virtualenv', async () => {
    for (const file of [
      'package.json',
      'dist/bundle.js',
      'build/x.py',
      'src/build/tool.py',
      'src/out/o.py',
      'env/pyvenv.cfg',
      'env/lib/m.py',
      'env2/m.py',
    ]) {
      write(file);
    }
    expect(paths(await walk())).toEqual([
      'd .',
      'd env2',
      'f env2/m.py',
      'd src',
      'd src/build',
      'f src/build/tool.py',
      'd src/out',
      'f src/out/o.py',
      'f package.json (unsupported)',
    ]);
  });

  it('never follows symlinks out of the repository or into directories, so loops end', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'walk-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'secret.md'), 'secret');
      write('real/a.py', 'x = 1\n');
      fs.symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'leak.md'));
      fs.symlinkSync('..', path.join(root, 'real', 'loop'));
      fs.symlinkSync('real/a.py', path.join(root, 'alias.py'));
      fs.symlinkSync('missing.py', path.join(root, 'dangling.py'));
      expect(paths(await walk())).toEqual([
        'd .',
        'd real',
        'f real/a.py',
        'f real/loop (symlink-to-directory)',
        'f alias.py',
        'f dangling.py (broken-symlink)',
        'f leak.md (symlink-outside-repository)',
      ]);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('calls a dangling symlink that leaves the repository outside, whatever exists outside', async () => {
    write('real/a.py', 'x = 1\n');
    fs.symlinkSync(`${'../'.repeat(12)}nonexistent-walk-test/x.py`, path.join(root, 'up.py'));
    fs.symlinkSync('/nonexistent-walk-test/x.py', path.join(root, 'abs.py'));
    fs.symlinkSync('../../nonexistent-walk-test.py', path.join(root, 'real', 'up.py'));
    fs.symlinkSync('gone/../../x.py', path.join(root, 'inside.py'));
    expect(paths(await walk())).toEqual([
      'd .',
      'd real',
      'f real/a.py',
      'f real/up.py (symlink-outside-repository)',
      'f abs.py (symlink-outside-repository)',
      'f inside.py (broken-symlink)',
      'f up.py (symlink-outside-repository)',
    ]);
  });

  it('records lock files, dotfiles, unsupported and oversized files as skipped, with sizes', async () => {
    write('yarn.lock', 'x');
    write('.env', 'A=1');
    write('image.png', 'png');
    write('big.py', 'x = 1\n'.repeat(10));
    const entries = await walk({ maxAbsoluteFileBytes: 50 });
    expect(paths(entries)).toEqual([
      'd .',
      'f .env (excluded)',
      'f big.py (too-large)',
      'f image.png (unsupported)',
      'f yarn.lock (excluded)',
    ]);
    expect(entries.find((e) => e.relativePath === 'big.py')!.sizeBytes).toBe(60);
  });

  it('rejects a root that is not a directory', async () => {
    write('file.py');
    await expect(walk().then(() => walkRepository(path.join(root, 'file.py'), OPTIONS).next())).rejects.toThrow(
      /not a directory/,
    );
    await expect(walkRepository(path.join(root, 'missing'), OPTIONS).next()).rejects.toThrow(/ENOENT/);
  });
});
