import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphDriver } from '../../../src/graph/create-graph-driver.js';
import { deleteRepoGraph } from '../../../src/graph/delete-repo-graph.js';
import { findNamedQuery } from '../../../src/queries/named-queries.js';
import { resolveQueryParams } from '../../../src/queries/resolve-query-params.js';
import { runNamedQuery } from '../../../src/queries/run-named-query.js';
import type { PlainValue } from '../../../src/queries/to-plain-value.js';
import { testConfig, uniqueSuffix } from '../../helpers/services.js';
import { BASELINE_FILES, FIXTURE_FILES } from './fixture-repo.js';
import { indexFixture } from './index-fixture.js';

const driver = createGraphDriver(testConfig.neo4j);
const repoId = `test-queries-${uniqueSuffix()}`;
const BASE_BRANCH = 'v1';
const CLI = fileURLToPath(new URL('../../../bin/repograph.js', import.meta.url));

async function run(name: string, params: Record<string, string> = {}): Promise<Record<string, PlainValue>[]> {
  const query = findNamedQuery(name);
  if (query == null) throw new Error(`no query ${name}`);
  const values = resolveQueryParams(query, { repo_id: repoId, branch: 'main', ...params });
  return (await runNamedQuery(driver, testConfig.neo4j.database, query, values)).rows;
}

function column(rows: Record<string, PlainValue>[], name: string): PlainValue[] {
  return rows.map((r) => r[name] ?? null);
}

beforeAll(async () => {
  await indexFixture(driver, testConfig, repoId, FIXTURE_FILES, 'c0ffee2');
  await indexFixture(driver, testConfig, repoId, BASELINE_FILES, 'c0ffee1', BASE_BRANCH);
});

afterAll(async () => {
  await deleteRepoGraph(driver, { repoId, branch: null, database: testConfig.neo4j.database });
  await driver.close();
});

describe('call queries on the indexed fixture', () => {
  it('callers: direct, then transitive with distance and via', async () => {
    expect(await run('callers', { symbol: 'shout' })).toEqual([
      {
        caller: 'greet',
        kind: 'function',
        file: 'app/greet.py',
        call_line: 5,
        distance: 1,
        via: 'shout',
        target: 'shout',
      },
    ]);
    const transitive = await run('callers', { symbol: 'shout', depth: '2' });
    expect(transitive.map((r) => [r.caller, r.distance, r.via, r.call_line])).toEqual([
      ['greet', 1, 'shout', 5],
      ['main', 2, 'greet', 6],
    ]);
  });

  it('callees: direct and transitive, resolved through imports and receiver types', async () => {
    expect((await run('callees', { symbol: 'main', depth: '2' })).map((r) => [r.callee, r.file, r.distance])).toEqual([
      ['greet', 'app/greet.py', 1],
      ['shout', 'app/util.py', 2],
    ]);
    expect(column(await run('callees', { symbol: 'run' }), 'callee')).toEqual(['formatArea', 'Square', 'Square.area']);
  });

  it('call-graph returns the neighbourhood as paths, in and out', async () => {
    const rows = await run('call-graph', { symbol: 'greet' });
    const chains = rows.map((r) => {
      const value = r.path as { path: { qualified_name: string }[]; types: string[] };
      expect(new Set(value.types)).toEqual(new Set(['CALLS']));
      return value.path.map((n) => n.qualified_name).join(' -> ');
    });
    expect(chains).toEqual(['greet -> shout', 'main -> greet']);
  });

  it('call-path, most-called and uncalled-functions', async () => {
    expect(await run('call-path', { from: 'main', to: 'shout' })).toEqual([
      { hops: 2, path: 'main -> greet -> shout', from_file: 'app/main.py', to_file: 'app/util.py' },
    ]);
    expect(await run('call-path', { from: 'shout', to: 'main' })).toEqual([]);
    const mostCalled = await run('most-called');
    expect(mostCalled[0]).toEqual({
      symbol: 'greet',
      kind: 'function',
      file: 'app/greet.py',
      callers: 1,
      call_sites: 2,
    });
    expect(column(mostCalled, 'symbol').sort()).toEqual(
      // `super()` in Square's constructor calls Base's.
      ['Base', 'Square', 'Square.area', 'formatArea', 'greet', 'ping', 'pong', 'shout'].sort(),
    );
    const uncalled = column(await run('uncalled-functions'), 'symbol');
    expect(uncalled).toEqual(expect.arrayContaining(['unused_helper', 'lonely', 'unusedTs', 'main', 'run']));
    expect(uncalled).not.toEqual(expect.arrayContaining(['greet']));
    expect(uncalled).not.toContain('shout');
  });
});

describe('import queries on the indexed fixture', () => {
  it('file-imports lists both directions with resolution and line', async () => {
    expect(await run('file-imports', { path: 'app/greet.py' })).toEqual([
      { direction: 'imports', file: 'app/util.py', distance: 1, resolution: 'source-root', line: 1 },
      { direction: 'imported_by', file: 'app/main.py', distance: 1, resolution: 'source-root', line: 1 },
    ]);
    expect(
      (await run('file-imports', { path: 'web/index.ts' })).map((r) => [r.direction, r.file, r.resolution]),
    ).toEqual([
      ['imports', 'web/format.ts', 'relative-path'],
      ['imports', 'web/shapes.ts', 'relative-path'],
    ]);
    expect((await run('file-imports', { path: 'app/util.py', depth: '2' })).map((r) => [r.file, r.distance])).toEqual([
      ['app/greet.py', 1],
      ['app/main.py', 2],
    ]);
  });

  it('import-cycles reports each cycle once from its smallest file, and max-length filters', async () => {
    expect(await run('import-cycles')).toEqual([
      { length: 2, cycle: 'app/cycle_a.py -> app/cycle_b.py -> app/cycle_a.py' },
      { length: 3, cycle: 'web/ring-a.ts -> web/ring-b.ts -> web/ring-c.ts -> web/ring-a.ts' },
    ]);
    expect(column(await run('import-cycles', { max_length: '2' }), 'length')).toEqual([2]);
  });

  it('unimported-files lists code files nothing imports, optionally by language', async () => {
    expect(column(await run('unimported-files'), 'file')).toEqual([
      'app/__init__.py',
      'app/main.py',
      'app/orphan.py',
      'web/index.ts',
      'web/unused.ts',
    ]);
    expect(await run('unimported-files', { language: 'typescript' })).toEqual([
      { file: 'web/index.ts', language: 'typescript', symbols: 1 },
      { file: 'web/unused.ts', language: 'typescript', symbols: 1 },
    ]);
  });
});

describe('symbol and repository queries on the indexed fixture', () => {
  it('file-outline, find-symbol and largest-files', async () => {
    const outline = await run('file-outline', { path: 'app/models.py' });
    expect(outline.map((r) => [r.line, r.kind, r.symbol, r.parent])).toEqual([
      [1, 'class', 'Animal', null],
      [2, 'method', 'Animal.speak', 'Animal'],
      [6, 'class', 'Dog', null],
      [7, 'method', 'Dog.speak', 'Dog'],
      [11, 'class', 'Puppy', null],
      [12, 'method', 'Puppy.play', 'Puppy'],
    ]);
    expect(column(await run('file-outline', { path: 'app/models.py', kind: 'class' }), 'symbol')).toEqual([
      'Animal',
      'Dog',
      'Puppy',
    ]);
    expect(column(await run('find-symbol', { text: 'SPEAK' }), 'symbol')).toEqual(['Animal.speak', 'Dog.speak']);
    expect(await run('largest-files', { limit: '1' })).toEqual([
      { file: 'app/models.py', language: 'python', symbols: 6, classes: 3, functions: 0, methods: 3 },
    ]);
  });

  it('inheritance-tree walks descendants and ancestors over INHERITS and IMPLEMENTS', async () => {
    expect(
      (await run('inheritance-tree', { class: 'Animal' })).map((r) => [r.direction, r.depth, r.other, r.chain]),
    ).toEqual([
      ['descendant', 1, 'Dog', 'Dog -> Animal'],
      ['descendant', 2, 'Puppy', 'Puppy -> Dog -> Animal'],
    ]);
    expect(
      (await run('inheritance-tree', { class: 'Puppy', depth: '1' })).map((r) => [r.direction, r.other, r.relation]),
    ).toEqual([['ancestor', 'Dog', 'INHERITS']]);
  });

  it('changed-symbols compares with the baseline snapshot', async () => {
    expect(await run('changed-symbols', { base_branch: BASE_BRANCH })).toEqual([
      {
        change: 'added',
        file: 'app/greet.py',
        kind: 'function',
        symbol_name: 'unused_helper',
        line: 8,
        commit_sha: 'c0ffee2',
      },
      {
        change: 'modified',
        file: 'app/greet.py',
        kind: 'function',
        symbol_name: 'greet',
        line: 4,
        commit_sha: 'c0ffee2',
      },
      {
        change: 'removed',
        file: 'app/greet.py',
        kind: 'function',
        symbol_name: 'old_greet',
        line: 9,
        commit_sha: 'c0ffee1',
      },
    ]);
    expect(await run('changed-symbols', { base_branch: 'main' })).toEqual([]);
  });

  it('repo-overview and resolution-breakdown count what was written', async () => {
    const overview = await run('repo-overview');
    const count = (element: string, type: string): PlainValue | undefined =>
      overview.find((r) => r.element === element && r.type === type)?.count;
    expect(count('node', 'FileNode')).toBe(Object.keys(FIXTURE_FILES).length + 3);
    expect(count('node', 'SymbolNode')).toBe(25);
    expect(count('relationship', 'IMPORTS')).toBe(10);
    expect(count('relationship', 'INHERITS')).toBe(3);
    expect(count('relationship', 'IMPLEMENTS')).toBe(1);
    expect(overview.every((r) => JSON.stringify(r.commits) === '["c0ffee2"]')).toBe(true);
    const breakdown = await run('resolution-breakdown');
    expect(breakdown).toContainEqual({
      relationship: 'IMPORTS',
      resolution: 'relative-path',
      relationships: 5,
      sites: 5,
    });
    expect(breakdown).toContainEqual({ relationship: 'INHERITS', resolution: 'same-file', relationships: 3, sites: 3 });
    expect(breakdown).toContainEqual({ relationship: 'CALLS', resolution: 'import', relationships: 6, sites: 7 });
  });
});

describe('repograph query (the CLI, end to end)', () => {
  const cli = (args: string[]) => promisify(execFile)('node', [CLI, 'query', ...args], { env: process.env });

  it('prints JSON lines, resolving --repo from a unique part of the repo_id', async () => {
    const { stdout } = await cli([
      'callers',
      '--repo',
      repoId.replace('test-queries-', ''),
      '--branch',
      'main',
      '--symbol',
      'greet',
      '--json',
    ]);
    expect(
      stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([
      {
        caller: 'main',
        kind: 'function',
        file: 'app/main.py',
        call_line: 6,
        distance: 1,
        via: 'greet',
        target: 'greet',
      },
    ]);
  });

  it('prints a table, and exits 2 with a how-to-fix message for missing parameters or an unnamed branch', async () => {
    const several = await cli(['import-cycles', '--repo', repoId]).catch((e: { code: number; stderr: string }) => e);
    expect(several).toMatchObject({ code: 2 });
    expect((several as { stderr: string }).stderr).toMatch(/several branches \(main, v1\); pass --branch/);
    const { stdout } = await cli(['import-cycles', '--repo', repoId, '--branch', 'main']);
    expect(stdout).toContain('app/cycle_a.py -> app/cycle_b.py -> app/cycle_a.py');
    expect(stdout).toContain('(2 rows)');
    const failure = await cli(['callers', '--repo', repoId, '--branch', 'v1']).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toMatch(/needs --symbol .*To fix this problem/);
  });
});
