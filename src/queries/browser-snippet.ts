import type { Neo4jConfig } from '../config/read-config.js';
import { allParams, type NamedQuery } from './named-query.js';

/** Placeholder for `repo_id` in the docs; the CLI fills in the real one. */
export const REPO_ID_PLACEHOLDER = 'your-repo-id';
/** Placeholder for `branch` in the docs. */
export const BRANCH_PLACEHOLDER = 'main';

/** A Cypher literal for a Browser `:param` line: a single-quoted string, an integer or `null`. */
export function cypherLiteral(value: string | number | null): string {
  if (value == null) return 'null';
  if (typeof value === 'number') return String(value);
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * Text to paste into Neo4j Browser: one `:param name => value;` line per parameter (integers stay integers, which
 * `LIMIT` needs; `:params {…}` would turn them into floats) followed by the query. Values come from `values`,
 * then the query's example, then the defaults; required ones without a value get a `<name>` placeholder.
 */
export function browserSnippet(
  query: NamedQuery,
  values: Readonly<Record<string, string | number | null>> = {},
): string {
  const lines = allParams(query).map((param) => {
    const known = param.name in values ? values[param.name] : query.example?.[param.name];
    const given = param.name === 'branch' && known == null ? undefined : known;
    const fallback =
      param.name === 'repo_id' ? REPO_ID_PLACEHOLDER : param.name === 'branch' ? BRANCH_PLACEHOLDER : `<${param.name}>`;
    const value =
      given !== undefined ? given : param.default !== undefined && param.name !== 'branch' ? param.default : fallback;
    return `:param ${param.name} => ${cypherLiteral(value ?? null)};`;
  });
  return `${lines.join('\n')}\n${query.cypher};`;
}

/**
 * A link that opens Neo4j Browser with `snippet` in its editor (`?cmd=edit&arg=…`). Parentheses and quotes are
 * percent-encoded too, so the link survives inside a Markdown `[text](url)`. With `noAuthBoltUri` (a server with
 * auth off, as the local stack runs it) Browser also connects to that URI without asking for a login.
 */
export function browserLink(browserUrl: string, snippet: string, noAuthBoltUri?: string): string {
  const base = browserUrl.endsWith('/') ? browserUrl : `${browserUrl}/`;
  const arg = encodeURIComponent(snippet).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const connect = noAuthBoltUri ? `preselectAuthMethod=NO_AUTH&dbms=${encodeURIComponent(noAuthBoltUri)}&` : '';
  return `${base}?${connect}cmd=edit&arg=${arg}`;
}

/** The Bolt URI Browser may connect to without a login: set only when repograph itself runs Neo4j with auth off. */
export function noAuthBoltUri(neo4j: Pick<Neo4jConfig, 'uri' | 'password'>): string | undefined {
  return neo4j.password === '' ? neo4j.uri : undefined;
}
