import { describe, expect, it } from 'vitest';
import { SymbolScopes } from '../../../src/parsers/symbol-scopes.js';
import { parseSource } from './parse-input.js';

describe('SymbolScopes', () => {
  // 0 [0,100) contains 1 [10,40) which contains 2 [20,30); 3 [50,60) is a second child of 0; 4 [120,130) stands alone.
  const scopes = new SymbolScopes([
    { startIndex: 0, endIndex: 100, parent: null },
    { startIndex: 10, endIndex: 40, parent: 0 },
    { startIndex: 20, endIndex: 30, parent: 1 },
    { startIndex: 50, endIndex: 60, parent: 0 },
    { startIndex: 120, endIndex: 130, parent: null },
  ]);

  it('finds the innermost symbol around an offset, walking out of finished siblings', () => {
    expect([0, 10, 25, 30, 45, 55, 60, 99].map((at) => scopes.innermost(at))).toEqual([0, 1, 2, 1, 0, 3, 0, 0]);
  });

  it('is null outside every symbol, end offsets excluded', () => {
    expect([100, 110, 130].map((at) => scopes.innermost(at))).toEqual([null, null, null]);
  });

  it('gives parsed calls the named function around them, through anonymous callbacks', async () => {
    const file = await parseSource(
      'a.ts',
      'run();\nfunction outer() {\n  items.map((x) => helper(x));\n  const inner = () => other();\n}\n',
    );
    const callers = file.calls.map((c) => [c.callee, c.caller == null ? null : file.symbols[c.caller]?.qualifiedName]);
    expect(callers).toEqual([
      ['run', null],
      ['map', 'outer'],
      ['helper', 'outer'],
      ['other', 'outer.inner'],
    ]);
  });
});
