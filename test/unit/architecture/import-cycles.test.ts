import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SRC, importCycles, importedFile, relativeImports, sources } from './source-imports.js';

// A module that needs another to be loaded first cannot be read, tested or moved on its own when the other needs
// it too. Type-only imports count: they tie the two modules' meaning together just the same.
describe('src/ import cycles', () => {
  it('has none, type-only imports included', () => {
    const graph = new Map<string, string[]>();
    for (const file of sources(SRC)) {
      graph.set(
        path.relative(SRC, file),
        relativeImports(file).map((spec) => path.relative(SRC, importedFile(file, spec))),
      );
    }
    expect(importCycles(graph)).toEqual([]);
  });

  it('finds cycles (the check itself can fail)', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts', 'd.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['d.ts']],
      ['e.ts', ['a.ts']],
    ]);
    expect(importCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['d.ts']]);
  });
});
