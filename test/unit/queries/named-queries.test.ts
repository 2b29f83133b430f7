import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { browserLink, browserSnippet, cypherLiteral } from '../../../src/queries/browser-snippet.js';
import { allParams } from '../../../src/queries/named-query.js';
import { NAMED_QUERIES, findNamedQuery } from '../../../src/queries/named-queries.js';
import { renderQueriesMarkdown } from '../../../src/queries/render-queries-markdown.js';
import { renderJsonLines, renderTable } from '../../../src/queries/render-query-rows.js';
import { QueryParamError, resolveQueryParams } from '../../../src/queries/resolve-query-params.js';

const DOCS = fileURLToPath(new URL('../../../docs/queries.md', import.meta.url));

describe('named query definitions', () => {
  it('has at least ten queries with unique kebab-case names', () => {
    const names = NAMED_QUERIES.map((q) => q.name);
    expect(names.length).toBeGreaterThanOrEqual(10);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it.each(NAMED_QUERIES.map((q) => [q.name, q] as const))(
    '%s uses exactly its declared parameters and is scoped by repo_id',
    (_, query) => {
      const used = new Set([...query.cypher.matchAll(/\$([a-z_]+)/g)].map((m) => m[1]));
      expect([...used].sort()).toEqual(
        allParams(query)
          .map((p) => p.name)
          .sort(),
      );
      expect(query.cypher).toMatch(/repo_id: \$repo_id, branch: \$branch/);
      expect(query.cypher).not.toMatch(/\b(CREATE|MERGE|DELETE|SET|REMOVE|DETACH)\b/);
      for (const key of Object.keys(query.example ?? {})) expect(allParams(query).map((p) => p.name)).toContain(key);
    },
  );

  it('keeps docs/queries.md in sync with the definitions', async () => {
    const committed = readFileSync(DOCS, 'utf8');
    const options = { ...(await resolveConfig(DOCS)), filepath: DOCS };
    const expected = await format(renderQueriesMarkdown(NAMED_QUERIES), options);
    if (committed !== expected) {
      expect.fail(
        'docs/queries.md is out of date. To fix this problem, run: node bin/repograph.js query --docs | npx prettier --stdin-filepath docs/queries.md > docs/queries.md',
      );
    }
  });
});

describe('resolveQueryParams', () => {
  const callers = findNamedQuery('callers')!;

  it('fills defaults, parses integers and accepts flag or Cypher spellings', () => {
    expect(resolveQueryParams(callers, { repo: 'r1', symbol: 'greet', depth: '3' })).toEqual({
      repo_id: 'r1',
      branch: null,
      symbol: 'greet',
      path: null,
      depth: 3,
      limit: 100,
    });
    const cycles = findNamedQuery('import-cycles')!;
    expect(resolveQueryParams(cycles, { repo_id: 'r1', 'max-length': '2' }).max_length).toBe(2);
  });

  it('rejects missing, unknown and out-of-range parameters with the flag to use', () => {
    expect(() => resolveQueryParams(callers, { repo_id: 'r1' })).toThrow(QueryParamError);
    expect(() => resolveQueryParams(callers, { repo_id: 'r1' })).toThrow(/needs --symbol/);
    expect(() => resolveQueryParams(callers, { symbol: 'x' })).toThrow(/needs --repo/);
    expect(() => resolveQueryParams(callers, { repo_id: 'r', symbol: 'x', colour: 'red' })).toThrow(
      /no parameter --colour; it takes --repo, --branch, --symbol/,
    );
    expect(() => resolveQueryParams(callers, { repo_id: 'r', symbol: 'x', depth: '9' })).toThrow(
      /--depth .* 1\.\.5, got "9"/,
    );
    expect(() => resolveQueryParams(callers, { repo_id: 'r', symbol: 'x', limit: '2.5' })).toThrow(/whole number/);
  });
});

describe('Neo4j Browser snippet and link', () => {
  it('writes one :param line per parameter, then the query', () => {
    const snippet = browserSnippet(findNamedQuery('callers')!, { repo_id: "it's", symbol: 'greet' });
    const lines = snippet.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      ":param repo_id => 'it\\'s';",
      ":param branch => 'main';",
      ":param symbol => 'greet';",
      ':param path => null;',
      ':param depth => 1;',
      ':param limit => 100;',
    ]);
    expect(lines[6]).toBe('MATCH (target:SymbolNode {repo_id: $repo_id, branch: $branch})');
    expect(snippet.endsWith('LIMIT $limit;')).toBe(true);
  });

  it('links to the Browser editor with the snippet URL-encoded', () => {
    const snippet = ":param x => 'a';\nRETURN count(*) + $x & 1;";
    const link = browserLink('http://127.0.0.1:7474/browser', snippet);
    expect(link).toBe(
      'http://127.0.0.1:7474/browser/?cmd=edit&arg=%3Aparam%20x%20%3D%3E%20%27a%27%3B%0ARETURN%20count%28%2A%29%20%2B%20%24x%20%26%201%3B',
    );
    expect(new URL(link).searchParams.get('arg')).toBe(snippet);
  });

  it('quotes Cypher literals', () => {
    expect(cypherLiteral('a\\b')).toBe("'a\\\\b'");
    expect(cypherLiteral(7)).toBe('7');
    expect(cypherLiteral(null)).toBe('null');
  });
});

describe('row rendering', () => {
  const rows = {
    columns: ['file', 'symbols', 'tags'],
    rows: [
      { file: 'a.py', symbols: 12, tags: ['x', 'y'] },
      { file: 'long/b.py', symbols: 3, tags: null },
    ],
  };

  it('aligns a table and counts rows', () => {
    expect(renderTable(rows)).toBe(
      [
        'file       symbols  tags',
        '---------  -------  ---------',
        'a.py       12       ["x","y"]',
        'long/b.py  3',
        '(2 rows)',
        '',
      ].join('\n'),
    );
    expect(renderTable({ columns: ['a'], rows: [] })).toBe('(no rows)\n');
  });

  it('shows a path as a chain of names', () => {
    const path = { path: [{ qualified_name: 'main' }, { qualified_name: 'greet' }], types: ['CALLS'] };
    expect(renderTable({ columns: ['path'], rows: [{ path }] })).toContain('main -[CALLS]-> greet');
  });

  it('prints one JSON object per line in column order', () => {
    expect(renderJsonLines(rows)).toBe(
      '{"file":"a.py","symbols":12,"tags":["x","y"]}\n{"file":"long/b.py","symbols":3,"tags":null}\n',
    );
  });
});
