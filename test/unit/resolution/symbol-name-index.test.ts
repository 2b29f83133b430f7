import { describe, expect, it } from 'vitest';
import type { IndexedSymbol } from '../../../src/resolution/indexed-file.js';
import { SymbolNameIndex } from '../../../src/resolution/symbol-name-index.js';
import { seededRandom } from '../../helpers/seeded-random.js';

function symbol(qualifiedName: string, parent: number | null = null, kind: IndexedSymbol['kind'] = 'function') {
  const name = qualifiedName.split('.').at(-1) ?? qualifiedName;
  return { nodeId: `id-${qualifiedName}`, kind, name, qualifiedName, startLine: 1, endLine: 1, parent };
}

describe('SymbolNameIndex', () => {
  const symbols: IndexedSymbol[] = [
    symbol('T', null, 'struct'),
    symbol('T.String', 0, 'method'),
    symbol('String'),
    symbol('U', null, 'struct'),
    symbol('U.String', 3, 'method'),
    symbol('T.String', 0, 'method'),
  ];
  const index = new SymbolNameIndex(symbols);

  it('finds the first symbol in file order by name or by qualified name that the test takes', () => {
    expect(index.first('String', () => true)).toBe(symbols[1]);
    expect(index.first('String', (s) => s.parent == null)).toBe(symbols[2]);
    expect(index.first('String', (s) => s.parent === 3)).toBe(symbols[4]);
    expect(index.first('T.String', (s) => s.qualifiedName === 'T.String')).toBe(symbols[1]);
    expect(index.first('T.String', (s) => s.name === 'T.String')).toBeUndefined();
    expect(index.first('V', () => true)).toBeUndefined();
  });

  it('gives the position of a symbol by identity, duplicates apart', () => {
    expect(symbols.map((s) => index.indexOf(s))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(index.indexOf(symbol('T'))).toBe(-1);
  });

  it('answers as a scan of every symbol does, on random files', () => {
    const next = seededRandom(7);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    const names = ['a', 'b', 'c', 'A', 'a.b', 'B', '_', 'ab'];
    for (let round = 0; round < 200; round++) {
      const file: IndexedSymbol[] = [];
      for (let i = 0, n = Math.floor(next() * 40); i < n; i++) {
        const parent = file.length > 0 && next() < 0.5 ? Math.floor(next() * file.length) : null;
        const owner = parent == null ? (next() < 0.2 ? pick(names) : null) : file[parent]!.qualifiedName;
        file.push(symbol(owner == null ? pick(names) : `${owner}.${pick(names)}`, parent));
      }
      const fileIndex = new SymbolNameIndex(file);
      for (const key of [...names, 'a.a', 'A.b', 'missing']) {
        const parent = next() < 0.5 ? null : Math.floor(next() * 5);
        const byName = (s: IndexedSymbol): boolean => s.name === key && s.parent === parent;
        const byQualified = (s: IndexedSymbol): boolean => s.qualifiedName === key;
        expect(fileIndex.first(key, byName)).toBe(file.find(byName));
        expect(fileIndex.first(key, byQualified)).toBe(file.find(byQualified));
      }
      for (const s of file) expect(fileIndex.indexOf(s)).toBe(file.indexOf(s));
    }
  });
});
