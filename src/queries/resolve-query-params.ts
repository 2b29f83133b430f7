import { allParams, type NamedQuery, type QueryParam } from './named-query.js';

/** Parameter values ready for the driver: strings, integers or null. */
export type QueryParamValues = Record<string, string | number | null>;

/** Thrown for a missing, unknown or malformed parameter; the message says how to fix it. */
export class QueryParamError extends Error {
  override name = 'QueryParamError';
}

/** The CLI flag of a parameter: `max_length` → `--max-length`, and `repo_id` → `--repo`. */
export function flagOf(param: QueryParam): string {
  return param.name === 'repo_id' ? '--repo' : `--${param.name.replace(/_/g, '-')}`;
}

function parseValue(query: NamedQuery, param: QueryParam, raw: string): string | number | null {
  if (raw === 'null') return null;
  if (param.type === 'string') return raw;
  const value = Number(raw);
  const { min = -Infinity, max = Infinity } = param;
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = `${Number.isFinite(min) ? min : ''}..${Number.isFinite(max) ? max : ''}`;
    throw new QueryParamError(
      `${flagOf(param)} of query "${query.name}" must be a whole number in ${range}, got "${raw}"`,
    );
  }
  return value;
}

/**
 * Turns raw values keyed by Cypher parameter name (`max_length`) or flag name (`max-length`) into the query's full
 * parameter map: defaults filled in, integers checked against their bounds, unknown and missing names rejected.
 */
export function resolveQueryParams(query: NamedQuery, raw: Readonly<Record<string, string>>): QueryParamValues {
  const params = allParams(query);
  const values: QueryParamValues = {};
  for (const [key, text] of Object.entries(raw)) {
    const name = key === 'repo' ? 'repo_id' : key.replace(/-/g, '_');
    const param = params.find((p) => p.name === name);
    if (param == null) {
      const known = params.map(flagOf).join(', ');
      throw new QueryParamError(`query "${query.name}" has no parameter --${key}; it takes ${known}`);
    }
    values[param.name] = parseValue(query, param, text);
  }
  for (const param of params) {
    if (param.name in values) continue;
    if (param.default === undefined) {
      const how = param.name === 'repo_id' ? '--repo <repo_id or name>' : `${flagOf(param)} <${param.type}>`;
      throw new QueryParamError(`query "${query.name}" needs ${how} (${param.description})`);
    }
    values[param.name] = param.default;
  }
  return values;
}
