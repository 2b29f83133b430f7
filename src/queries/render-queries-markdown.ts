import { browserLink, browserSnippet, REPO_ID_PLACEHOLDER } from './browser-snippet.js';
import { allParams, type NamedQuery, type QueryParam } from './named-query.js';
import { flagOf } from './resolve-query-params.js';

/** Neo4j Browser of the local stack; the docs link there. */
export const DEFAULT_BROWSER_URL = 'http://127.0.0.1:7474/browser/';

function defaultText(param: QueryParam): string {
  if (param.default === undefined) return 'required';
  return param.default === null ? '`null`' : `\`${param.default}\``;
}

function paramTable(query: NamedQuery): string {
  const rows = allParams(query).map((p) => {
    const bounds = p.min != null || p.max != null ? ` (${p.min ?? ''}..${p.max ?? ''})` : '';
    return `| \`$${p.name}\` | \`${flagOf(p)}\` | ${p.type}${bounds} | ${defaultText(p)} | ${p.description.replace(/\|/g, '\\|')} |`;
  });
  return ['| Parameter | CLI flag | Type | Default | Meaning |', '|---|---|---|---|---|', ...rows].join('\n');
}

function cliExample(query: NamedQuery): string {
  const args = query.params
    .filter((p) => p.default === undefined)
    .map((p) => `${flagOf(p)} ${JSON.stringify(String(query.example?.[p.name] ?? `<${p.name}>`))}`);
  return ['repograph query', query.name, '--repo', REPO_ID_PLACEHOLDER, ...args].join(' ');
}

function section(query: NamedQuery, browserUrl: string): string {
  const snippet = browserSnippet(query);
  return [
    `## ${query.name}`,
    '',
    `${query.summary[0]?.toUpperCase()}${query.summary.slice(1)}.`,
    '',
    query.description,
    '',
    paramTable(query),
    '',
    '```sh',
    cliExample(query),
    '```',
    '',
    'Neo4j Browser (paste, or [open it in Browser](' + browserLink(browserUrl, snippet) + ')):',
    '',
    '```cypher',
    snippet,
    '```',
    '',
  ].join('\n');
}

/**
 * docs/queries.md, generated from the query definitions (`repograph query --docs`, then prettier); a unit test
 * fails when the committed file differs from this output formatted by prettier.
 */
export function renderQueriesMarkdown(queries: readonly NamedQuery[], browserUrl = DEFAULT_BROWSER_URL): string {
  const index = queries.map((q) => `| [\`${q.name}\`](#${q.name}) | ${q.summary} |`);
  return [
    '# Graph queries',
    '',
    '<!-- Generated from src/queries/*.ts; do not edit by hand. Regenerate with:',
    '     node bin/repograph.js query --docs | npx prettier --stdin-filepath docs/queries.md > docs/queries.md -->',
    '',
    "Named, read-only Cypher queries over one repository's code graph. Each runs from the terminal",
    '(`repograph query <name> --repo <repo_id or name> [--param value …] [--json]`) and in Neo4j Browser',
    `(${browserUrl}): paste the snippet, or follow the link, which opens it in the editor. In Browser the`,
    '`:param` lines and the query run together when the multi-statement editor is on (the default); otherwise run',
    `each \`:param\` line first. Replace \`${REPO_ID_PLACEHOLDER}\` with the repository's \`repo_id\``,
    '(`repograph query repo-overview --repo <name>` prints it, and `repograph query --list` lists the queries).',
    '',
    'Every query is scoped by `$repo_id` and `$branch`. The graph model (labels `KGNode`, `FileNode`, `SymbolNode`, `TextNode`;',
    'relationships `HAS_FILE`, `HAS_SYMBOL`, `CONTAINS_SYMBOL`, `HAS_TEXT`, `NEXT_CHUNK`, `IMPORTS`, `CALLS`,',
    '`INHERITS`, `IMPLEMENTS`) is described in the README. Only references the graph builder resolved inside the',
    'repository are relationships; calls into libraries and calls it could not resolve are not stored.',
    '',
    '| Query | What it answers |',
    '|---|---|',
    ...index,
    '',
    ...queries.map((q) => section(q, browserUrl)),
  ].join('\n');
}
