import { describe, expect, it } from 'vitest';
import { outline, parseSource } from './parse-input.js';

describe('JavaScript/TypeScript symbols (as in the original, plus the kinds it missed)', () => {
  it('emits functions assigned in declarations, spanning the declarator', async () => {
    const file = await parseSource('a.js', 'const f = (a) => a, g = () => {\n};\nlet h = function () {};\n');
    // Parity order is (start line, -end line): g spans more lines, so it comes first. `h` (a function expression)
    // was not a symbol for the original; it is one now, like every function bound to a name.
    expect(outline(file)).toEqual(['function g 1-2', 'function f 1-1', 'function h 3-3']);
    expect(file.symbols.map((s) => [s.startColumn, s.signature])).toEqual([
      [20, 'g = () => {'],
      [6, 'f = (a) => a, g = () => {'],
      [4, 'h = function () {};'],
    ]);
  });

  it('never links symbols that merely share lines (byte containment)', async () => {
    const file = await parseSource(
      'a.js',
      'const a = () => 1, b = () => 2;\nclass K {\n  m() {}\n} function after() {}\n',
    );
    expect(file.symbols.map((s) => [s.qualifiedName, s.parent])).toEqual([
      ['a', null],
      ['b', null],
      ['K', null],
      ['K.m', 2],
      ['after', null],
    ]);
  });

  it('sees through anonymous callbacks and IIFEs, and nests what is inside named functions under them', async () => {
    const source = [
      "describe('x', () => { function inCallback() {} });",
      '(function () { class InIife {} })();',
      'function* gen() { function inGenerator() {} }',
      'function outer() { function hidden() {} }',
      'const o = { method() {} };',
      'class K { m() { function hiddenInMethod() {} } }',
    ].join('\n');
    // The original skipped what was inside functions, methods and declarations, and did not know generators
    // (so it put `inGenerator` at top level); anonymous callbacks and IIFEs stay transparent.
    expect(outline(await parseSource('a.js', source))).toEqual([
      'function inCallback 1-1',
      'class InIife 2-2',
      'function gen 3-3',
      'function gen.inGenerator 3-3',
      'function outer 4-4',
      'function outer.hidden 4-4',
      'method o.method 5-5',
      'class K 6-6',
      'method K.m 6-6',
      'function K.m.hiddenInMethod 6-6',
    ]);
  });

  it('names object-literal members by their binding, and functions bound to properties and exports', async () => {
    const source = [
      'const api = { get(id) { return this.load(id); }, load: async (id) => id, nested: { deep() {} } };',
      'exports.handler = function () {};',
      'Api.prototype.run = function () {};',
      'module.exports = { exported() {} };',
      'register({ callback() {} });',
      'class K { field = () => 1; static make = function named() {}; }',
      'const C = class { m() {} };',
    ].join('\n');
    expect(outline(await parseSource('a.js', source))).toEqual([
      'method api.get 1-1',
      'function api.load 1-1',
      'method api.nested.deep 1-1',
      'function handler 2-2',
      'method Api.run 3-3',
      'method exported 4-4',
      'method callback 5-5',
      'class K 6-6',
      'method K.field 6-6',
      'method K.make 6-6',
      'class C 7-7',
      'method C.m 7-7',
    ]);
  });

  it('keeps getter and setter as two methods with raw names', async () => {
    const file = await parseSource(
      'a.js',
      'class K {\n  get x() {}\n  set x(v) {}\n  #p() {}\n  [Symbol.iterator]() {}\n}\n',
    );
    expect(file.symbols.slice(1).map((s) => s.qualifiedName)).toEqual(['K.x', 'K.x', 'K.#p', 'K.[Symbol.iterator]']);
  });

  it('adds TS interfaces, types, enums, namespaces and qualifies abstract class methods', async () => {
    const source =
      'interface I {}\ntype T = 1;\nenum E { A }\nnamespace N { class C {} }\nabstract class A { m() {} }\n';
    expect(outline(await parseSource('a.ts', source))).toEqual([
      'interface I 1-1',
      'type T 2-2',
      'enum E 3-3',
      'namespace N 4-4',
      'class N.C 4-4',
      'class A 5-5',
      'method A.m 5-5',
    ]);
  });

  it('keeps default and named imports apart and every alias', async () => {
    const file = await parseSource(
      'a.ts',
      "import X, { A, B as C } from './m';\nconst { D, E: F } = require('n');\nimport y = require('y');\n",
    );
    expect(file.imports.map((i) => [i.module, i.defaultImport, i.moduleAlias, i.names, i.isRelative])).toEqual([
      [
        './m',
        'X',
        null,
        [
          { name: 'A', alias: null },
          { name: 'B', alias: 'C' },
        ],
        true,
      ],
      [
        'n',
        null,
        null,
        [
          { name: 'D', alias: null },
          { name: 'E', alias: 'F' },
        ],
        false,
      ],
      ['y', null, 'y', [], false],
    ]);
  });

  it('records calls with receivers and constructors, but not require()', async () => {
    const file = await parseSource(
      'a.mjs',
      "const m = require('m');\nfoo();\na.b.c();\nnew X();\nnew ns.Y();\nsuper.z;\n",
    );
    expect(file.calls.map((c) => [c.callee, c.receiver, c.line, c.isConstructor])).toEqual([
      ['foo', null, 2, false],
      ['c', 'a.b', 3, false],
      ['X', null, 4, true],
      ['Y', 'ns', 5, true],
    ]);
  });

  it('selects the grammar by extension, case-insensitively', async () => {
    for (const [name, language] of [
      ['a.JSX', 'javascript'],
      ['a.cjs', 'javascript'],
      ['a.MTS', 'typescript'],
      ['a.cts', 'typescript'],
      ['a.Tsx', 'tsx'],
    ] as const) {
      expect((await parseSource(name, 'const f = () => 1;\n')).language).toBe(language);
    }
  });
});
