import { describe, expect, it } from 'vitest';
import type { LocalTypeRef, StatedVia } from '../../../src/parsers/parsed-file.js';
import { LocalBindings } from '../../../src/resolution/local-bindings.js';
import { seededRandom } from '../../helpers/seeded-random.js';

/** The rule as one pass over the bindings in record order: a later line wins, on one line an annotation does. */
function scan(locals: readonly LocalTypeRef[], lastLine: number | null): LocalTypeRef | null {
  let best: LocalTypeRef | null = null;
  for (const t of locals) {
    if (lastLine != null && t.line > lastLine) continue;
    if (best == null || t.line > best.line || (t.line === best.line && t.via == null)) best = t;
  }
  return best;
}

describe('LocalBindings', () => {
  it('takes the latest binding in the scope, up to a line, an annotation winning on its line', () => {
    const locals: LocalTypeRef[] = [
      { variable: 'x', typeName: 'Impl', line: 3, scope: 1, via: 'new' },
      { variable: 'x', typeName: 'Base', line: 3, scope: 1 },
      { variable: 'x', typeName: 'Other', line: 9, scope: 1, via: 'call' },
      { variable: 'x', typeName: 'Outer', line: 1, scope: null },
    ];
    const bindings = new LocalBindings(locals, (t) => t.scope ?? null);
    expect(bindings.latest('x', 1, 5)?.typeName).toBe('Base');
    expect(bindings.latest('x', 1, null)?.typeName).toBe('Other');
    expect(bindings.latest('x', 1, 2)).toBeNull();
    expect(bindings.latest('x', null, 0)).toBeNull();
    expect(bindings.latest('x', 2, null)).toBeNull();
    expect(bindings.has('y')).toBe(false);
  });

  it('answers as the pass over every binding does, in any record order', () => {
    const next = seededRandom(5);
    const vias: (StatedVia | undefined)[] = [undefined, 'call', 'new', 'value'];
    for (let round = 0; round < 300; round++) {
      const locals: LocalTypeRef[] = [];
      for (let i = 0, n = Math.floor(next() * 30); i < n; i++) {
        const scope = next() < 0.3 ? null : Math.floor(next() * 3);
        const via = vias[Math.floor(next() * vias.length)];
        locals.push({
          variable: next() < 0.5 ? 'a' : 'b',
          typeName: `T${i}`,
          line: Math.floor(next() * 10),
          scope,
          via,
        });
      }
      const bindings = new LocalBindings(locals, (t) => t.scope ?? null);
      for (const variable of ['a', 'b']) {
        for (const scope of [null, 0, 1, 2]) {
          const own = locals.filter((t) => t.variable === variable && t.scope === scope);
          for (const lastLine of [null, 0, 3, 7, 12]) {
            expect(bindings.latest(variable, scope, lastLine)).toBe(scan(own, lastLine));
          }
        }
      }
    }
  });
});
