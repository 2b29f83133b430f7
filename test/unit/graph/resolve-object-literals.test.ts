import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, call, imp, removeFixture, type BuiltFixture } from './graph-fixture.js';

// Object-literal members are qualified by the literal's binding (`api.start`) and have no symbol as parent.
describe('JavaScript object-literal members', () => {
  let g: BuiltFixture;
  beforeAll(async () => {
    g = await buildFixture({
      'src/api.ts': {
        symbols: [
          ['method', 'api.start', 1, 3],
          ['function', 'api.stop', 4, 4],
          ['function', 'helper', 6, 8],
        ],
        calls: [
          { ...call('stop', 2, 'this'), caller: 0 },
          { ...call('start', 7), caller: 2 },
          { ...call('start', 8, 'api'), caller: 2 },
        ],
      },
      'src/main.ts': {
        imports: [
          imp('./api.js', 1, {
            names: [
              { name: 'api', alias: null },
              { name: 'start', alias: null },
            ],
          }),
        ],
        symbols: [['function', 'main', 3, 6]],
        calls: [
          { ...call('start', 4), caller: 0 },
          { ...call('start', 5, 'api'), caller: 0 },
        ],
      },
    });
  });
  afterAll(async () => removeFixture(g));

  it('reaches members through the binding, and `this.` inside a method reaches its siblings', () => {
    expect(g.edges('CALLS')).toEqual([
      'src/api.ts#api.start -> src/api.ts#api.stop (self)',
      'src/api.ts#helper -> src/api.ts#api.start (same-file)',
      'src/main.ts#main -> src/api.ts#api.start (import)',
    ]);
  });

  it('never takes a member for a function of the same bare name, in the file or through an import', () => {
    expect(g.summary.unresolved.typescript?.calls).toBe(2);
  });
});
