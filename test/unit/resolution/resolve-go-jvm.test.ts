import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, call, imp, removeFixture, type BuiltFixture } from '../graph/graph-fixture.js';

describe('Go resolution', () => {
  let g: BuiltFixture;
  beforeAll(async () => {
    g = await buildFixture(
      {
        'internal/store/store.go': {
          symbols: [
            ['function', 'Open', 1, 5],
            ['struct', 'DB', 7, 9],
          ],
        },
        'internal/store/query.go': {
          symbols: [
            ['method', 'DB.Query', 1, 4],
            ['function', 'helper', 6, 8],
          ],
          calls: [call('helper', 2)],
        },
        'cmd/app/main.go': {
          imports: [
            imp('example.com/app/internal/store', 1),
            imp('fmt', 2),
            imp('example.com/app/internal/store', 3, { moduleAlias: 'st' }),
          ],
          symbols: [
            ['function', 'main', 5, 15],
            ['function', 'setup', 17, 19],
          ],
          localTypes: [{ variable: 'db', typeName: 'store.DB', line: 6 }],
          calls: [
            call('Open', 7, 'store'),
            call('Open', 8, 'st'),
            call('Query', 9, 'db'),
            call('setup', 10),
            call('Println', 11, 'fmt'),
          ],
        },
      },
      { 'go.mod': 'module example.com/app\n\ngo 1.22\n' },
    );
  });
  afterAll(async () => removeFixture(g));

  it('maps import paths through go.mod and resolves package calls and methods (golden)', () => {
    expect(g.edges('CALLS')).toEqual([
      'cmd/app/main.go#main -> cmd/app/main.go#setup (same-file)',
      'cmd/app/main.go#main -> internal/store/query.go#DB.Query (receiver-type)',
      'cmd/app/main.go#main -> internal/store/store.go#Open (module-alias)',
      'internal/store/query.go#DB.Query -> internal/store/query.go#helper (same-file)',
    ]);
    expect(g.edges('IMPORTS')).toEqual(['cmd/app/main.go -> internal/store (go-module)']);
    expect(g.summary.unresolved.go).toEqual({ imports: 1, calls: 1, callerlessCalls: 0, bases: 0 });
  });
});

describe('Java resolution', () => {
  let g: BuiltFixture;
  beforeAll(async () => {
    g = await buildFixture({
      'src/main/java/com/acme/model/User.java': {
        symbols: [
          ['class', 'User', 3, 20],
          ['method', 'User.getName', 5, 7],
        ],
      },
      'src/main/java/com/acme/model/Base.java': {
        symbols: [
          ['class', 'Base', 3, 20],
          ['method', 'Base.save', 5, 7],
        ],
      },
      'src/main/java/com/acme/app/Helper.java': {
        symbols: [
          ['class', 'Helper', 3, 20],
          ['method', 'Helper.assist', 5, 7],
        ],
      },
      'src/main/java/com/acme/app/App.java': {
        imports: [
          imp('com.acme.model.User', 1),
          imp('com.acme.model.*', 2, { isWildcard: true }),
          imp('java.util.List', 3),
        ],
        symbols: [
          ['class', 'App', 5, 40],
          ['method', 'App.run', 6, 20],
          ['method', 'App.other', 22, 24],
        ],
        inheritance: [{ symbol: 0, base: 'Base', relation: 'extends', line: 5 }],
        localTypes: [
          { variable: 'u', typeName: 'User', line: 7 },
          { variable: 'h', typeName: 'Helper', line: 8 },
        ],
        calls: [
          call('User', 7, null, true),
          call('getName', 9, 'u'),
          call('assist', 10, 'h'),
          call('other', 11),
          call('save', 12, 'this'),
        ],
      },
    });
  });
  afterAll(async () => removeFixture(g));

  it('resolves package + class imports, same-package types, bare sibling methods and inherited members (golden)', () => {
    expect(g.edges('CALLS')).toEqual([
      'src/main/java/com/acme/app/App.java#App.run -> src/main/java/com/acme/app/App.java#App.other (self)',
      'src/main/java/com/acme/app/App.java#App.run -> src/main/java/com/acme/app/Helper.java#Helper.assist (receiver-type)',
      'src/main/java/com/acme/app/App.java#App.run -> src/main/java/com/acme/model/Base.java#Base.save (self)',
      'src/main/java/com/acme/app/App.java#App.run -> src/main/java/com/acme/model/User.java#User (import)',
      'src/main/java/com/acme/app/App.java#App.run -> src/main/java/com/acme/model/User.java#User.getName (receiver-type)',
    ]);
    expect(g.edges('INHERITS')).toEqual([
      'src/main/java/com/acme/app/App.java#App -> src/main/java/com/acme/model/Base.java#Base (import)',
    ]);
    expect(g.edges('IMPORTS')).toEqual([
      'src/main/java/com/acme/app/App.java -> src/main/java/com/acme/model (jvm-package)',
      'src/main/java/com/acme/app/App.java -> src/main/java/com/acme/model/User.java (jvm-package)',
    ]);
  });
});
