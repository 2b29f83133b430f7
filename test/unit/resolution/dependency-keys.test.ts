import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeHash, relHash, type Fragment } from '../../../src/graph/fragment.js';
import { GraphEmitter } from '../../../src/graph/graph-emitter.js';
import { changedKeysOf, planBranchUpdate, type PreviousFile } from '../../../src/graph/plan-branch-update.js';
import { gitBlobOid } from '../../../src/parsers/parse-cache-key.js';
import { parseFile } from '../../../src/parsers/parse-file.js';
import { changedDependencyKeys, dependencyKey, hashDependencyKey } from '../../../src/resolution/dependency-keys.js';
import { exportedSummaryHash } from '../../../src/resolution/exported-summary.js';
import { readRepoLayout } from '../../../src/resolution/read-repo-layout.js';
import { parentDir } from '../../../src/parsers/repo-path.js';
import { indexedFileOf } from '../../../src/resolution/indexed-file.js';
import { RepoIndex } from '../../../src/resolution/repo-index.js';
import { SymbolLookup } from '../../../src/resolution/symbol-lookup.js';

// Real sources are parsed and resolved as a full build does; a commit then changes some of them, and the reverse
// index (each file's recorded keys against the keys the commit changed) must pick exactly the files whose
// resolution read what changed. The oracle: every file whose fragment differs in a full rebuild of the new commit
// is either changed itself or picked.

const CONFIG = {
  maxFileBytes: 1_000_000,
  maxAbsoluteFileBytes: 10_000_000,
  maxSymbolsPerFile: 500,
  fileTimeoutMs: 10_000,
};
const CTX = { repoId: 'repo-1', branch: 'main', commitSha: 'c1', githubRepoId: 1 };
const MANIFESTS = new Set(['tsconfig.json', 'go.mod', 'package.json']);

const BASE: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@lib/*': ['src/lib/*'] } } }),
  'go.mod': 'module example.com/app\n\ngo 1.22\n',
  // Python
  'pkg/__init__.py': '',
  'pkg/util.py': 'def helper():\n    return 1\n\n\ndef other():\n    return 2\n',
  'app/main.py': 'from pkg.util import helper\n\n\ndef run():\n    return helper()\n',
  'app/by_module.py': 'from pkg import util\n\n\ndef go():\n    return util.other()\n',
  'app/alone.py': 'import os\n\n\ndef local():\n    return os.getcwd()\n\n\ndef caller():\n    return local()\n',
  // TypeScript
  'src/lib/math.ts':
    'export function add(a: number, b: number): number {\n  return a + b;\n}\n\nexport function sub(a: number, b: number): number {\n  return a - b;\n}\n',
  'src/app.ts': "import { add } from './lib/math';\n\nexport function total(): number {\n  return add(1, 2);\n}\n",
  'src/aliased.ts': "import { sub } from '@lib/math';\n\nexport function diff(): number {\n  return sub(3, 1);\n}\n",
  'src/wants-missing.ts':
    "import { later } from './lib/later';\n\nexport function use(): number {\n  return later();\n}\n",
  'src/solo.ts': 'export function solo(): number {\n  return 1;\n}\n',
  // Go
  'internal/store/store.go': 'package store\n\nfunc Open() int {\n\treturn 1\n}\n',
  'cmd/app/main.go': 'package main\n\nimport "example.com/app/internal/store"\n\nfunc main() {\n\tstore.Open()\n}\n',
  'cmd/tool/tool.go': 'package main\n\nfunc helper() int {\n\treturn 2\n}\n\nfunc main() {\n\thelper()\n}\n',
};

interface FileState {
  cacheKey: string;
  summaryHash: string;
  keys: Set<string>;
  fragment: string;
}

interface Built {
  files: Map<string, FileState>;
  dirs: string[];
}

const scratch: string[] = [];
afterEach(async () => {
  for (const dir of scratch.splice(0)) await rm(dir, { recursive: true, force: true });
});

function fingerprint(fragment: Fragment): string {
  return JSON.stringify([fragment.nodes.map(nodeHash).sort(), fragment.rels.map(relHash).sort()]);
}

/** A full build of `sources`: per file its cache key, exported summary, recorded keys and fragment. */
async function build(sources: Record<string, string>): Promise<Built> {
  const root = await mkdtemp(path.join(tmpdir(), 'dep-keys-'));
  scratch.push(root);
  const index = new RepoIndex();
  const dirs = new Set<string>(['.']);
  const parsed = [];
  for (const [relativePath, text] of Object.entries(sources).sort(([a], [b]) => (a < b ? -1 : 1))) {
    await mkdir(path.join(root, path.dirname(relativePath)), { recursive: true });
    await writeFile(path.join(root, relativePath), text);
    for (let dir = parentDir(relativePath); dir !== '.'; dir = parentDir(dir)) dirs.add(dir);
    if (MANIFESTS.has(relativePath)) continue;
    const file = await parseFile({ relativePath, bytes: Buffer.from(text), config: CONFIG });
    expect(file.kind, relativePath).toBe('code');
    parsed.push(file);
  }
  for (const dir of dirs) index.addDir(dir);
  for (const file of parsed) index.addFile(file);
  const emitter = new GraphEmitter(CTX, new SymbolLookup(index, readRepoLayout(root, index)));
  const files = new Map<string, FileState>();
  for (const file of parsed) {
    const emitted = emitter.file(file);
    files.set(file.relativePath, {
      cacheKey: gitBlobOid(Buffer.from(sources[file.relativePath]!)),
      summaryHash: emitted.summaryHash,
      keys: emitted.keys,
      fragment: fingerprint(emitted.fragment),
    });
  }
  return { files, dirs: [...dirs].sort() };
}

/**
 * What an incremental run decides for the commit from `before` to `after`: the files it recomputes because they
 * changed, and the files it re-resolves because their recorded keys meet the keys the commit changed.
 */
function decide(before: Built, after: Built): { changed: string[]; dependents: string[] } {
  const previousFiles = new Map<string, PreviousFile>(
    [...before.files].map(([p, f]) => [p, { path: p, cacheKey: f.cacheKey, summaryHash: f.summaryHash }]),
  );
  const plan = planBranchUpdate({
    files: [...after.files].map(([p, f]) => ({ path: p, cacheKey: f.cacheKey })),
    dirs: after.dirs,
    previousFiles,
    previousDirs: new Set(before.dirs),
    commitChanged: true,
  });
  const summaryChanged = plan.changedFiles.filter(
    (p) => previousFiles.get(p)?.summaryHash !== after.files.get(p)?.summaryHash,
  );
  // As stored: keys are compared by their 32-bit hashes (`indexed_files.deps && $keys`).
  const changedHashes = new Set([...changedKeysOf(plan, summaryChanged)].map(hashDependencyKey));
  const changed = new Set(plan.changedFiles);
  const dependents = [...before.files]
    .filter(
      ([p, f]) =>
        after.files.has(p) && !changed.has(p) && [...f.keys].some((k) => changedHashes.has(hashDependencyKey(k))),
    )
    .map(([p]) => p)
    .sort();
  return { changed: [...changed].sort(), dependents };
}

/** Files present before and after whose fragment a full rebuild changes. */
function fragmentsThatDiffer(before: Built, after: Built): string[] {
  return [...after.files]
    .filter(([p, f]) => before.files.has(p) && before.files.get(p)!.fragment !== f.fragment)
    .map(([p]) => p)
    .sort();
}

async function commit(edit: Record<string, string | null>) {
  const before = await build(BASE);
  const next = { ...BASE };
  for (const [p, text] of Object.entries(edit)) {
    if (text == null) delete next[p];
    else next[p] = text;
  }
  const after = await build(next);
  const decision = decide(before, after);
  const differ = fragmentsThatDiffer(before, after);
  // The oracle: an incremental run that recomputes `changed` and `dependents` produces the rebuild's graph.
  for (const p of differ)
    expect([...decision.changed, ...decision.dependents], `${p} changed in a rebuild`).toContain(p);
  return { ...decision, differ, before, after };
}

describe('reverse index: which files a commit re-resolves', () => {
  it('records what each file read: the modules it imports, the files it tried, the packages it listed', async () => {
    const { files } = await build(BASE);
    const keys = (p: string) => files.get(p)!.keys;
    expect(keys('app/main.py')).toContain(dependencyKey('file', 'pkg/util.py'));
    expect(keys('app/by_module.py')).toContain(dependencyKey('file', 'pkg/util.py'));
    expect(keys('app/alone.py')).not.toContain(dependencyKey('file', 'pkg/util.py'));
    expect(keys('src/app.ts')).toContain(dependencyKey('file', 'src/lib/math.ts'));
    expect(keys('src/aliased.ts')).toContain(dependencyKey('file', 'src/lib/math.ts'));
    expect(keys('src/wants-missing.ts')).toContain(dependencyKey('exists', 'src/lib/later.ts'));
    expect(keys('cmd/app/main.go')).toContain(dependencyKey('list', 'internal/store'));
    expect(keys('cmd/tool/tool.go')).not.toContain(dependencyKey('list', 'internal/store'));
  });

  it('a body-only edit changes no summary and re-resolves nobody', async () => {
    const r = await commit({
      'pkg/util.py': '# moved down\n\n\ndef helper():\n    x = 40\n    return x + 2\n\n\ndef other():\n    return 2\n',
      'src/lib/math.ts':
        'export function add(a: number, b: number): number {\n  const s = a + b;\n  return s;\n}\n\nexport function sub(a: number, b: number): number {\n  return a - b;\n}\n',
    });
    expect(r.changed).toEqual(['pkg/util.py', 'src/lib/math.ts']);
    expect(r.after.files.get('pkg/util.py')!.summaryHash).toBe(r.before.files.get('pkg/util.py')!.summaryHash);
    expect(r.dependents).toEqual([]);
    expect(r.differ).toEqual(['pkg/util.py', 'src/lib/math.ts']);
  });

  it('Python: renaming a function re-resolves the modules importing it, and its caller loses the edge', async () => {
    const r = await commit({ 'pkg/util.py': 'def helper2():\n    return 1\n\n\ndef other():\n    return 2\n' });
    expect(r.dependents).toEqual(['app/by_module.py', 'app/main.py']);
    expect(r.differ).toEqual(['app/main.py', 'pkg/util.py']);
  });

  it('TypeScript: deleting an exported function re-resolves the relative and the aliased importers', async () => {
    const r = await commit({ 'src/lib/math.ts': 'export function other(): number {\n  return 0;\n}\n' });
    expect(r.dependents).toEqual(['src/aliased.ts', 'src/app.ts']);
    expect(r.differ).toEqual(['src/aliased.ts', 'src/app.ts', 'src/lib/math.ts']);
  });

  it('TypeScript: a file appearing where an import looked re-resolves that importer only', async () => {
    const r = await commit({ 'src/lib/later.ts': 'export function later(): number {\n  return 9;\n}\n' });
    expect(r.changed).toEqual(['src/lib/later.ts']);
    expect(r.dependents).toEqual(['src/wants-missing.ts']);
    expect(r.differ).toEqual(['src/wants-missing.ts']);
  });

  it('Go: a new file in an imported package, or a deleted function, re-resolves the importing package', async () => {
    const added = await commit({ 'internal/store/extra.go': 'package store\n\nfunc Close() int {\n\treturn 0\n}\n' });
    expect(added.dependents).toEqual(['cmd/app/main.go']);
    const deleted = await commit({ 'internal/store/store.go': 'package store\n\nfunc Other() int {\n\treturn 1\n}\n' });
    expect(deleted.dependents).toEqual(['cmd/app/main.go']);
    expect(deleted.differ).toEqual(['cmd/app/main.go', 'internal/store/store.go']);
  });

  it('a deleted file re-resolves the files that called into it', async () => {
    const r = await commit({ 'pkg/util.py': null });
    expect(r.dependents).toEqual(['app/by_module.py', 'app/main.py']);
    expect(r.differ).toEqual(['app/by_module.py', 'app/main.py']);
  });
});

describe('changedDependencyKeys', () => {
  it('gives each kind of change its keys, and nothing else', () => {
    const keys = changedDependencyKeys({
      addedFiles: ['a/b/new.py'],
      removedFiles: ['top.go'],
      changedSummaries: ['lib/x.ts'],
      addedDirs: ['a/b'],
      removedDirs: [],
    });
    expect([...keys].sort()).toEqual(
      [
        's:a/b/new.py',
        'e:a/b/new.py',
        'l:a/b',
        's:top.go',
        'e:top.go',
        'l:.',
        's:lib/x.ts',
        'd:a/b',
        'x:a/b',
        'x:b',
      ].sort(),
    );
  });

  it('hashes keys to stable signed 32-bit integers', () => {
    const h = hashDependencyKey('s:pkg/util.py');
    expect(h).toBe(hashDependencyKey('s:pkg/util.py'));
    expect(Number.isInteger(h) && h >= -(2 ** 31) && h < 2 ** 31).toBe(true);
    expect(hashDependencyKey('s:pkg/util.py')).not.toBe(hashDependencyKey('e:pkg/util.py'));
    // FNV-1a of the empty string is its offset basis.
    expect(hashDependencyKey('')).toBe(0x811c9dc5 | 0);
  });
});

describe('exportedSummaryHash', () => {
  it('ignores positions, not names, kinds, nesting or imports', async () => {
    const parse = async (text: string) =>
      exportedSummaryHash(
        indexedFileOf(await parseFile({ relativePath: 'm.py', bytes: Buffer.from(text), config: CONFIG })),
      );
    const base = await parse('import os\n\n\nclass A:\n    def f(self):\n        return 1\n');
    expect(await parse('import os\n\n\n\n\nclass A:\n    def f(self):\n        y = 2\n        return y\n')).toBe(base);
    expect(await parse('import os\n\n\nclass A:\n    def g(self):\n        return 1\n')).not.toBe(base);
    expect(await parse('import sys\n\n\nclass A:\n    def f(self):\n        return 1\n')).not.toBe(base);
    expect(await parse('import os\n\n\nclass A:\n    pass\n\n\ndef f():\n    return 1\n')).not.toBe(base);
    expect(await parse('import os\n\n\nclass A(Exception):\n    def f(self):\n        return 1\n')).not.toBe(base);
  });
});
