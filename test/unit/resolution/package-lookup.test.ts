import { describe, expect, it } from 'vitest';
import { emptyParsedFile } from '../../../src/parsers/parse-file.js';
import type { ParsedSymbol } from '../../../src/parsers/parsed-file.js';
import type { IndexedSymbol } from '../../../src/resolution/indexed-file.js';
import { GO_EXTENSIONS } from '../../../src/resolution/languages/go.js';
import type { RepoLayout } from '../../../src/resolution/repo-layout.js';
import { RepoIndex } from '../../../src/resolution/repo-index.js';
import { SymbolLookup } from '../../../src/resolution/symbol-lookup.js';
import { seededRandom } from '../../helpers/seeded-random.js';

function goFile(relativePath: string, qualifiedNames: string[], imports: [string, string | null][] = []) {
  const symbols: ParsedSymbol[] = qualifiedNames.map((qualifiedName) => ({
    kind: qualifiedName.includes('.') ? 'method' : 'function',
    name: qualifiedName.split('.').at(-1) ?? qualifiedName,
    qualifiedName,
    startLine: 1,
    endLine: 1,
    startColumn: 0,
    endColumn: 0,
    signature: '',
    docstring: null,
    fingerprint: '',
    parent: null,
  }));
  return {
    ...emptyParsedFile(relativePath, 1),
    language: 'go',
    kind: 'code' as const,
    symbols,
    imports: imports.map(([module, moduleAlias]) => ({
      module,
      names: [],
      moduleAlias,
      defaultImport: null,
      isRelative: false,
      isWildcard: false,
      line: 1,
    })),
  };
}

/** The lookup as it was written before packages had tables: open every file in turn until one has the symbol. */
function scanPackage(index: RepoIndex, files: readonly string[], accept: (s: IndexedSymbol) => boolean, skip: string) {
  for (const file of files) {
    const symbol = index.files.get(file)?.symbols.find(accept);
    if (symbol != null && file !== skip) return { symbol, file };
  }
  return null;
}

describe('package lookups', () => {
  it('find what a scan of every file finds, reading the same files and missing the same unloaded ones', () => {
    const next = seededRandom(11);
    const names = ['A', 'B', 'C', 'String', 'T', 'U'];
    for (let round = 0; round < 100; round++) {
      const index = new RepoIndex();
      index.addDir('pkg');
      const files: string[] = [];
      for (let i = 0, n = 1 + Math.floor(next() * 12); i < n; i++) {
        const path = `pkg/f${i}.go`;
        files.push(path);
        const symbols = names.filter(() => next() < 0.15).map((n) => (next() < 0.3 ? `${names[i % 6]}.${n}` : n));
        if (next() < 0.2) index.addKnownFile(path, 'go');
        else index.addFile(goFile(path, symbols));
        if (next() < 0.1) index.addKnownFile(`pkg/notes${i}.md`, 'text');
      }
      for (const key of [...names, 'T.String', 'U.A', 'missing']) {
        const skip = files[Math.floor(next() * files.length)]!;
        const tests = [
          (s: IndexedSymbol) => s.parent == null && s.name === key && s.kind === 'function',
          (s: IndexedSymbol) => s.parent == null && s.name === key,
          (s: IndexedSymbol) => s.qualifiedName === key,
        ];
        for (const accept of tests) {
          index.recorder.misses.clear();
          const expected = index.recorder.capture(() => scanPackage(index, files, accept, skip));
          const expectedMisses = new Set(index.recorder.misses);
          index.recorder.misses.clear();
          const actual = index.recorder.capture(() =>
            index.findInPackage(index.packageOf('pkg', GO_EXTENSIONS), key, accept, skip),
          );
          expect(actual.value).toEqual(expected.value);
          expect(actual.keys).toEqual(new Set(['l:pkg', ...expected.keys]));
          expect(index.recorder.misses).toEqual(expectedMisses);
        }
      }
    }
  });

  it('sees files added or loaded after the package was first read', () => {
    const index = new RepoIndex();
    index.addFile(goFile('pkg/a.go', ['A']));
    const before = index.packageOf('pkg', GO_EXTENSIONS);
    expect(index.findInPackage(before, 'B', () => true)).toBeNull();
    index.addKnownFile('pkg/b.go', 'go');
    const known = index.packageOf('pkg', GO_EXTENSIONS);
    expect(known.files).toEqual(['pkg/a.go', 'pkg/b.go']);
    expect(index.packageWithFiles(before.files)).toBeUndefined();
    index.recorder.misses.clear();
    expect(index.findInPackage(known, 'B', () => true)).toBeNull();
    expect([...index.recorder.misses]).toEqual(['pkg/b.go']);
    index.addFile(goFile('pkg/b.go', ['B']));
    const loaded = index.packageOf('pkg', GO_EXTENSIONS);
    expect(index.packageWithFiles(loaded.files)).toBe(loaded);
    expect(index.findInPackage(loaded, 'B', () => true)?.file).toBe('pkg/b.go');
  });
});

describe('re-exports of a package', () => {
  // p/b.go dot-imports q, so p exports q's names; a name found there depends on the bindings of p's files up to
  // b.go, one that is found nowhere on the bindings of all of them.
  const index = new RepoIndex();
  index.addFile(goFile('p/a.go', ['A'], [['example.com/m/r1', null]]));
  index.addFile(goFile('p/b.go', ['B'], [['example.com/m/q', '.']]));
  index.addFile(goFile('p/c.go', ['C'], [['example.com/m/r2', null]]));
  index.addFile(goFile('q/q.go', ['X']));
  index.addFile(goFile('r1/r1.go', ['R1']));
  index.addFile(goFile('r2/r2.go', ['R2']));
  index.addFile(goFile('u/u.go', ['main'], [['example.com/m/p', null]]));
  const layout: RepoLayout = {
    pythonRoots: ['.'],
    tsConfigs: [],
    packages: new Map(),
    goModules: [{ dir: '.', modulePath: 'example.com/m' }],
  };
  const lookup = new SymbolLookup(index, layout);
  const target = lookup.bindingsOf('u/u.go').modules.get('p')!;
  const files = ['s:p/a.go', 's:p/b.go', 's:p/c.go'];

  it('reads the bindings of the files up to the one it follows', () => {
    const { value, keys } = index.recorder.capture(() => lookup.findExport(target, 'X'));
    expect(value?.file).toBe('q/q.go');
    expect(keys).toEqual(new Set([...files, 'l:r1', 'l:q', 's:q/q.go']));
  });

  it('reads the bindings of every file when nothing has the name', () => {
    const { value, keys } = index.recorder.capture(() => lookup.findExport(target, 'Y'));
    expect(value).toBeNull();
    expect(keys).toEqual(new Set([...files, 'l:r1', 'l:q', 'l:r2', 's:q/q.go']));
  });

  it('reads no bindings for a name the package defines', () => {
    const { value, keys } = index.recorder.capture(() => lookup.findExport(target, 'B'));
    expect(value?.file).toBe('p/b.go');
    expect(keys).toEqual(new Set(['s:p/a.go', 's:p/b.go']));
  });
});
