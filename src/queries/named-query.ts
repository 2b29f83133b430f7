/** Type of a query parameter: how the CLI parses it and how the Browser snippet writes it. */
export type QueryParamType = 'string' | 'integer';

/** A parameter of a {@link NamedQuery}. */
export interface QueryParam {
  /** Cypher name (`$symbol`); the CLI flag is the kebab-case form (`--max-length` for `max_length`). */
  name: string;
  description: string;
  type: QueryParamType;
  /** Value used when the caller gives none; absent means the parameter is required. */
  default?: string | number | null;
  /** Inclusive bounds for integers. */
  min?: number;
  max?: number;
}

/** A read-only Cypher query over one repository's graph, runnable from the CLI and from Neo4j Browser. */
export interface NamedQuery {
  /** kebab-case name used by `repograph query <name>`. */
  name: string;
  /** One-line summary for `--list`. */
  summary: string;
  /** What the rows mean, caveats included (shown in docs/queries.md). */
  description: string;
  /** Every parameter except `repo_id` and `branch`, which every query takes first. */
  params: QueryParam[];
  /** Cypher text; scoped by `$repo_id` and `$branch` and using only the parameters above. */
  cypher: string;
  /** Values for the Browser snippet in the docs, where the default is not telling (e.g. a sample symbol). */
  example?: Record<string, string | number>;
}

/** The parameter every query has: the `repo_id` of the graph to read. */
export const REPO_ID_PARAM: QueryParam = {
  name: 'repo_id',
  description: 'repository whose graph is read (`--repo` accepts the id or a unique part of the repository name)',
  type: 'string',
};

/**
 * The parameter every query has: the branch whose graph is read. The CLI fills it in when not given: the
 * repository's only indexed branch, or its default branch.
 */
export const BRANCH_PARAM: QueryParam = {
  name: 'branch',
  description: "branch whose graph is read (default: the repository's only indexed branch, or its default branch)",
  type: 'string',
  // The CLI fills it in before running a query; a null branch matches no graph.
  default: null,
};

/** Every parameter of `query`, `repo_id` and `branch` first. */
export function allParams(query: NamedQuery): QueryParam[] {
  return [REPO_ID_PARAM, BRANCH_PARAM, ...query.params];
}

/** A `limit` parameter with a default and an upper bound that keeps result sets printable. */
export function limitParam(fallback: number): QueryParam {
  return {
    name: 'limit',
    description: 'maximum number of rows',
    type: 'integer',
    default: fallback,
    min: 1,
    max: 10_000,
  };
}

/** Trims the common indentation of a template literal so Cypher reads well in the docs and in Browser. */
export function cypher(strings: TemplateStringsArray): string {
  const lines = strings.join('').replace(/^\n/, '').trimEnd().split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent)).join('\n');
}
