import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, call, imp, removeFixture, type BuiltFixture } from '../graph/graph-fixture.js';

const manifests = {
  'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
  'tsconfig.json':
    '{\n  // comments and trailing commas are allowed\n  "compilerOptions": { "baseUrl": ".", "paths": { "@app/*": ["src/app/*"], }, },\n}\n',
  'packages/lib/package.json': JSON.stringify({
    name: '@acme/lib',
    exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' } },
  }),
  'packages/legacy/package.json': JSON.stringify({ name: 'legacy', main: 'lib/index.js' }),
  'packages/codec/package.json': JSON.stringify({
    name: 'codec',
    exports: { '.': [{ import: { types: './types/codec.d.mts', default: './dist/codec.mjs' } }] },
  }),
};

describe('JavaScript/TypeScript resolution', () => {
  let g: BuiltFixture;
  beforeAll(async () => {
    g = await buildFixture(
      {
        'src/m.ts': {
          symbols: [
            ['function', 'X', 1, 3],
            ['function', 'A', 5, 7],
            ['function', 'C', 9, 10],
          ],
        },
        'src/util.ts': { symbols: [['function', 'fmt', 1, 2]] },
        'src/widgets/index.ts': {
          symbols: [
            ['class', 'Widget', 1, 5],
            ['interface', 'Drawable', 7, 9],
          ],
        },
        'src/app/config.ts': { symbols: [['function', 'load', 1, 2]] },
        'packages/lib/src/index.ts': { symbols: [['function', 'shared', 1, 2]] },
        'packages/legacy/src/index.ts': { symbols: [['function', 'old', 1, 2]] },
        'packages/legacy/src/deep/extra.ts': { symbols: [['function', 'extra', 1, 2]] },
        'packages/codec/src/codec.ts': { symbols: [['function', 'encode', 1, 2]] },
        'src/main.ts': {
          imports: [
            imp('./m', 1, {
              defaultImport: 'X',
              names: [
                { name: 'A', alias: null },
                { name: 'C', alias: 'D' },
              ],
            }),
            imp('./util.js', 2, { moduleAlias: 'u', isWildcard: true }),
            imp('./widgets', 3, {
              names: [
                { name: 'Widget', alias: null },
                { name: 'Drawable', alias: null },
              ],
            }),
            imp('@app/config', 4, { names: [{ name: 'load', alias: null }] }),
            imp('@acme/lib', 5, { names: [{ name: 'shared', alias: null }] }),
            imp('react', 6, { defaultImport: 'React' }),
            imp('legacy', 7, { names: [{ name: 'old', alias: null }] }),
            imp('legacy/lib/deep/extra', 8, { names: [{ name: 'extra', alias: null }] }),
            imp('codec', 9, { names: [{ name: 'encode', alias: null }] }),
          ],
          symbols: [
            ['class', 'Service', 10, 40],
            ['method', 'Service.start', 11, 20],
            ['method', 'Service.stop', 22, 25],
            ['function', 'run', 42, 60],
          ],
          inheritance: [
            { symbol: 0, base: 'Widget', relation: 'extends', line: 10 },
            { symbol: 0, base: 'Drawable', relation: 'implements', line: 10 },
          ],
          localTypes: [{ variable: 'svc', typeName: 'Service', line: 43 }],
          calls: [
            call('stop', 12, 'this'),
            call('X', 13),
            call('A', 14),
            call('D', 15),
            call('fmt', 16, 'u'),
            call('Service', 43, null, true),
            call('start', 44, 'svc'),
            call('load', 45),
            call('shared', 46),
            call('createElement', 47, 'React'),
            call('old', 48),
          ],
        },
      },
      manifests,
    );
  });
  afterAll(async () => removeFixture(g));

  it('binds `import X, {A, C as D}` apart and resolves this., receiver types and namespaces (golden)', () => {
    expect(g.edges('CALLS')).toEqual([
      'src/main.ts#Service.start -> src/m.ts#A (import)',
      'src/main.ts#Service.start -> src/m.ts#C (import)',
      'src/main.ts#Service.start -> src/m.ts#X (default-import)',
      'src/main.ts#Service.start -> src/main.ts#Service.stop (self)',
      'src/main.ts#Service.start -> src/util.ts#fmt (module-alias)',
      'src/main.ts#run -> packages/legacy/src/index.ts#old (import)',
      'src/main.ts#run -> packages/lib/src/index.ts#shared (import)',
      'src/main.ts#run -> src/app/config.ts#load (import)',
      'src/main.ts#run -> src/main.ts#Service (same-file)',
      'src/main.ts#run -> src/main.ts#Service.start (receiver-type)',
    ]);
  });

  it('resolves ./x.js to x.ts, directory index files, tsconfig paths and workspace package exports', () => {
    // A deep import into a package's build output (`legacy/lib/deep/extra`) and an export bundled as `.mjs`
    // from a plain `.ts` source reach the sources.
    expect(g.edges('IMPORTS')).toEqual([
      'src/main.ts -> packages/codec/src/codec.ts (workspace-package)',
      'src/main.ts -> packages/legacy/src/deep/extra.ts (workspace-package)',
      'src/main.ts -> packages/legacy/src/index.ts (workspace-package)',
      'src/main.ts -> packages/lib/src/index.ts (workspace-package)',
      'src/main.ts -> src/app/config.ts (tsconfig-paths)',
      'src/main.ts -> src/m.ts (relative-path)',
      'src/main.ts -> src/util.ts (relative-path)',
      'src/main.ts -> src/widgets/index.ts (relative-path)',
    ]);
    expect(g.summary.unresolved.typescript?.imports).toBe(1);
  });

  it('emits INHERITS and IMPLEMENTS to imported types', () => {
    expect(g.edges('INHERITS')).toEqual(['src/main.ts#Service -> src/widgets/index.ts#Widget (import)']);
    expect(g.edges('IMPLEMENTS')).toEqual(['src/main.ts#Service -> src/widgets/index.ts#Drawable (import)']);
  });
});
