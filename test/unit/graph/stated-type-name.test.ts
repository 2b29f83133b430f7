import { describe, expect, it } from 'vitest';
import { callReceiver, plainReceiver, statedTypeName } from '../../../src/resolution/stated-type-name.js';

describe('statedTypeName', () => {
  it('keeps a plain or dotted class name and drops type arguments', () => {
    expect(['Foo', 'mod.Foo', 'Map<string, Foo>', 'List[int]'].map(statedTypeName)).toEqual([
      'Foo',
      'mod.Foo',
      'Map',
      'List',
    ]);
  });

  it('unwraps promises, optionals, forward references and nullable unions', () => {
    expect(
      [
        'Promise<Foo>',
        'Optional[Foo]',
        '"Foo"',
        "'mod.Foo'",
        'Foo | undefined',
        'None | Foo',
        'Promise<Foo | null>',
      ].map(statedTypeName),
    ).toEqual(['Foo', 'Foo', 'Foo', 'mod.Foo', 'Foo', 'Foo', 'Foo']);
  });

  it('names no class for other unions, arrays and function types', () => {
    expect(['Foo | Bar', 'Foo[]', '() => Foo', '{ a: Foo }'].map(statedTypeName)).toEqual([null, null, null, null]);
  });
});

describe('receivers', () => {
  it('reduces non-null assertions and optional chains to a dotted name', () => {
    expect(['this.x!', 'a?.b', 'self.cond', 'a[0]', 'f()'].map(plainReceiver)).toEqual([
      'this.x',
      'a.b',
      'self.cond',
      null,
      null,
    ]);
  });

  it('splits call receivers into callee, `new` and the attributes read from the result', () => {
    expect(callReceiver('make(a, g(b))')).toEqual({ callee: 'make', isNew: false, attributes: [] });
    expect(callReceiver('new ns.Foo()')).toEqual({ callee: 'ns.Foo', isNew: true, attributes: [] });
    expect(callReceiver('getClient().workflow')).toEqual({
      callee: 'getClient',
      isNew: false,
      attributes: ['workflow'],
    });
    expect(callReceiver('(a as B).c()')).toBeNull();
    expect(callReceiver('f()[0]')).toBeNull();
  });
});
