import { describe, expect, it } from 'vitest';
import { outline, parseSource } from './parse-input.js';

describe('Python symbols (as in the original, with the docstring rule and qualified names fixed)', () => {
  it('emits classes, methods and functions, and (beyond the original) what is nested in a function', async () => {
    const file = await parseSource(
      'm.py',
      [
        'def f():',
        '    def g(): pass',
        '    class C: pass',
        'class K:',
        '    def m(self): pass',
        '    async def a(self): pass',
      ].join('\n'),
    );
    expect(outline(file)).toEqual([
      'function f 1-3',
      'function f.g 2-2',
      'class f.C 3-3',
      'class K 4-6',
      'method K.m 5-5',
      'method K.a 6-6',
    ]);
    expect(file.symbols.map((s) => s.parent)).toEqual([null, 0, 0, null, 3, 3]);
  });

  it('qualifies functions nested in methods and methods of classes nested in functions by the full path', async () => {
    const source = 'class K:\n  def m(self):\n    def helper(): pass\n    class L:\n      def n(self): pass\n';
    expect(outline(await parseSource('m.py', source))).toEqual([
      'class K 1-5',
      'method K.m 2-5',
      'function K.m.helper 3-3',
      'class K.m.L 4-5',
      'method K.m.L.n 5-5',
    ]);
  });

  it('qualifies nested classes and their methods by the full path', async () => {
    const file = await parseSource('m.py', 'class A:\n  class B:\n    class C:\n      def m(self): pass\n');
    expect(outline(file)).toEqual(['class A 1-4', 'class A.B 2-4', 'class A.B.C 3-4', 'method A.B.C.m 4-4']);
    expect(file.symbols.map((s) => s.parent)).toEqual([null, 0, 1, 2]);
  });

  it('spans the definition without its decorators', async () => {
    const file = await parseSource('m.py', '@a\n@b(1)\ndef f():\n    pass\n');
    expect(outline(file)).toEqual(['function f 3-4']);
  });

  it('extracts definitions under if/try/with at module level', async () => {
    const file = await parseSource('m.py', 'try:\n    def f(): pass\nexcept ImportError:\n    class F: pass\n');
    expect(outline(file)).toEqual(['function f 2-2', 'class F 4-4']);
  });

  it('continues a signature ending in "(" or "," for at most 9 more lines, up to the line with ":"', async () => {
    const file = await parseSource('m.py', 'def f(\n    a,\n    b,\n) -> int:\n    return 1\n');
    expect(file.symbols[0]!.signature).toBe('def f( a, b, ) -> int:');
    const long = `def g(\n${Array.from({ length: 12 }, (_, i) => `    a${i},`).join('\n')}\n):\n    pass\n`;
    const signature = (await parseSource('m.py', long)).symbols[0]!.signature;
    expect(signature).toBe(`def g( ${Array.from({ length: 9 }, (_, i) => `a${i},`).join(' ')}`);
  });

  it('fills docstrings by the intended rule', async () => {
    const source = [
      'def triple():',
      '    """  Triple quoted.  """',
      'def single():',
      "    'Single.'",
      'def prefixed():',
      '    r"""raw"""',
      'def none():',
      '    x = "not a docstring"',
      'class K:',
      "    '''Class doc.'''",
    ].join('\n');
    const docs = (await parseSource('m.py', source)).symbols.map((s) => s.docstring);
    expect(docs).toEqual(['Triple quoted.', 'Single.', 'r"""raw"""', null, 'Class doc.']);
  });

  it('parses .pyi stubs and upper-case extensions', async () => {
    expect((await parseSource('stub.pyi', 'def f() -> int: ...\n')).language).toBe('python');
    expect((await parseSource('LEGACY.PY', 'def f(): pass\n')).symbols).toHaveLength(1);
  });

  it('records imports with every alias kept', async () => {
    const file = await parseSource('m.py', 'import a.b.c\nimport x as y, z\nfrom m import A as B, C as D\n');
    expect(file.imports.map((i) => [i.module, i.moduleAlias, i.names])).toEqual([
      ['a.b.c', null, []],
      ['x', 'y', []],
      ['z', null, []],
      [
        'm',
        null,
        [
          { name: 'A', alias: 'B' },
          { name: 'C', alias: 'D' },
        ],
      ],
    ]);
  });
});
