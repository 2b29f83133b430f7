import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, call, imp, removeFixture, type BuiltFixture } from '../graph/graph-fixture.js';

describe('Python resolution', () => {
  let g: BuiltFixture;
  beforeAll(async () => {
    g = await buildFixture({
      'a/__init__.py': {},
      'a/b/__init__.py': { symbols: [['function', 'in_b', 1, 2]] },
      'a/b/c.py': { symbols: [['function', 'f', 1, 2]] },
      'pkg/__init__.py': {
        imports: [
          imp('.', 1, { names: [{ name: 'mod', alias: null }] }),
          imp('.impl', 2, { names: [{ name: 'Impl', alias: null }] }),
        ],
      },
      'pkg/mod.py': {
        symbols: [
          ['function', 'helper', 1, 3],
          ['function', 'other', 5, 6],
        ],
      },
      'pkg/impl.py': {
        symbols: [
          ['class', 'Impl', 1, 20],
          ['method', 'Impl.run', 2, 5],
          ['method', 'Impl.step', 7, 9],
        ],
        calls: [call('step', 3, 'self'), call('run', 4, 'self')],
      },
      'main.py': {
        imports: [
          imp('a.b.c', 1),
          imp('pkg', 2, {
            names: [
              { name: 'mod', alias: null },
              { name: 'Impl', alias: null },
            ],
          }),
          imp('pkg.mod', 3, {
            names: [
              { name: 'helper', alias: 'H' },
              { name: 'other', alias: 'O' },
            ],
          }),
          imp('os', 4),
        ],
        symbols: [
          ['function', 'main', 10, 30],
          ['function', 'local', 32, 35],
          ['function', 'rec', 40, 42],
        ],
        localTypes: [{ variable: 'obj', typeName: 'Impl', line: 11 }],
        calls: [
          call('f', 12, 'a.b.c'),
          call('in_b', 13, 'a.b'),
          call('helper', 14, 'mod'),
          call('H', 15),
          call('O', 16),
          call('local', 17),
          call('run', 18, 'obj'),
          call('Impl', 19, null, true),
          call('path_join', 20, 'os.path'),
          call('rec', 41),
          call('undefined_elsewhere', 21),
          call('main', 50),
        ],
      },
      'lonely.py': {
        symbols: [['function', 'g', 1, 3]],
        calls: [call('helper', 2)],
        imports: [imp('.', 1, { names: [{ name: 'main', alias: null }] })],
      },
      'src/mylib/__init__.py': {},
      'src/mylib/core.py': { symbols: [['function', 'run', 1, 2]] },
      'tests/test_core.py': {
        imports: [imp('mylib.core', 1, { names: [{ name: 'run', alias: null }] })],
        symbols: [['function', 'test_run', 3, 5]],
        calls: [call('run', 4)],
      },
    });
  });
  afterAll(async () => removeFixture(g));

  it('resolves calls through imports, aliases, same-file, self and receiver types (golden)', () => {
    expect(g.edges('CALLS')).toEqual([
      'main.py -> main.py#main (same-file)',
      'main.py#main -> a/b/__init__.py#in_b (module-alias)',
      'main.py#main -> a/b/c.py#f (module-alias)',
      'main.py#main -> main.py#local (same-file)',
      'main.py#main -> pkg/impl.py#Impl (import)',
      'main.py#main -> pkg/impl.py#Impl.run (receiver-type)',
      'main.py#main -> pkg/mod.py#helper (module-alias)',
      'main.py#main -> pkg/mod.py#other (import)',
      'pkg/impl.py#Impl.run -> pkg/impl.py#Impl.step (self)',
      'tests/test_core.py#test_run -> src/mylib/core.py#run (import)',
    ]);
  });

  it('collapses repeated references between the same symbols into one relationship with a count', () => {
    const helper = g.rels.get('CALLS')?.find((r) => g.nameOf(r.target) === 'pkg/mod.py#helper');
    expect(helper?.props).toEqual({ resolution: 'module-alias', line: 14, count: 2 });
  });

  it('imports files, never the importing __init__ itself, and submodules for `from . import mod`', () => {
    expect(g.edges('IMPORTS')).toEqual([
      'lonely.py -> main.py (relative-path)',
      'main.py -> a/b/c.py (source-root)',
      'main.py -> pkg/__init__.py (source-root)',
      'main.py -> pkg/mod.py (source-root)',
      'pkg/__init__.py -> pkg/impl.py (relative-path)',
      'pkg/__init__.py -> pkg/mod.py (relative-path)',
      'tests/test_core.py -> src/mylib/core.py (source-root)',
    ]);
  });

  it('does not guess unimported names onto unrelated files, counts unresolved and module-level calls', () => {
    // The module-level call of `main()` is attached to the file (above); module-level calls are still counted.
    expect(g.edges('CALLS').some((e) => e.startsWith('lonely.py'))).toBe(false);
    expect(g.summary.unresolved.python).toEqual({ imports: 1, calls: 3, callerlessCalls: 1, bases: 0 });
  });

  it('never emits a self-loop for recursion', () => {
    expect(g.edges('CALLS').filter((e) => e.includes('#rec ->'))).toEqual([]);
  });
});

describe('Python resolution with cyclic bases', () => {
  it('terminates and resolves inherited members without looping on A(B), B(A)', async () => {
    const g = await buildFixture({
      'cyc.py': {
        symbols: [
          ['class', 'A', 1, 5],
          ['method', 'A.run', 2, 4],
          ['class', 'B', 7, 10],
          ['method', 'B.helper', 8, 9],
        ],
        inheritance: [
          { symbol: 0, base: 'B', relation: 'extends', line: 1 },
          { symbol: 2, base: 'A', relation: 'extends', line: 7 },
        ],
        calls: [call('helper', 3, 'self'), call('missing', 3, 'self')],
      },
    });
    try {
      expect(g.edges('CALLS')).toEqual(['cyc.py#A.run -> cyc.py#B.helper (self)']);
      expect(g.edges('INHERITS')).toEqual(['cyc.py#A -> cyc.py#B (same-file)', 'cyc.py#B -> cyc.py#A (same-file)']);
      expect(g.summary.unresolved.python?.calls).toBe(1);
    } finally {
      await removeFixture(g);
    }
  });
});
