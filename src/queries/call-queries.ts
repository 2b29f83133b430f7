import { cypher, limitParam, type NamedQuery, type QueryParam } from './named-query.js';

const SYMBOL: QueryParam = {
  name: 'symbol',
  description: 'qualified name (`Greeter.greet`) or plain name (`greet`) of the symbol',
  type: 'string',
};
const PATH: QueryParam = {
  name: 'path',
  description: 'only symbols defined in this file (repository-relative path); null: any file',
  type: 'string',
  default: null,
};
const DEPTH: QueryParam = {
  name: 'depth',
  description: 'how many CALLS hops to follow (1 = direct only)',
  type: 'integer',
  default: 1,
  min: 1,
  max: 5,
};

/** Queries over `CALLS` relationships (caller symbol → callee symbol). */
export const CALL_QUERIES: NamedQuery[] = [
  {
    name: 'callers',
    summary: 'who calls a function or method (optionally transitively)',
    description:
      'Symbols that call the given symbol, directly (`distance` 1) or through up to `depth` calls. `call_line` is the line in the caller where the chain starts, `via` the symbol the caller calls on the shortest chain. Only calls the graph builder resolved appear (imports, same-file and receiver-type resolution); calls through dynamic dispatch it could not resolve are missing.',
    params: [SYMBOL, PATH, DEPTH, limitParam(100)],
    example: { symbol: 'greet' },
    cypher: cypher`
      MATCH (target:SymbolNode {repo_id: $repo_id, branch: $branch})
      WHERE (target.qualified_name = $symbol OR target.name = $symbol)
        AND ($path IS NULL OR target.relative_path = $path)
      MATCH p = (caller:SymbolNode)-[:CALLS*1..5]->(target)
      WHERE length(p) <= $depth AND caller <> target
      WITH target, caller, p ORDER BY length(p)
      WITH target, caller, head(collect(p)) AS p
      RETURN caller.qualified_name AS caller, caller.kind AS kind, caller.relative_path AS file,
             relationships(p)[0].line AS call_line, length(p) AS distance,
             nodes(p)[1].qualified_name AS via, target.qualified_name AS target
      ORDER BY distance, file, call_line, caller
      LIMIT $limit`,
  },
  {
    name: 'callees',
    summary: 'what a function or method calls (optionally transitively)',
    description:
      'Symbols the given symbol calls, directly (`distance` 1) or through up to `depth` calls. `call_line` is the line in the given symbol where the chain starts; `via` is the symbol that makes the last call. Unresolved calls (library functions, dynamic dispatch) are not in the graph.',
    params: [SYMBOL, PATH, DEPTH, limitParam(100)],
    example: { symbol: 'main' },
    cypher: cypher`
      MATCH (source:SymbolNode {repo_id: $repo_id, branch: $branch})
      WHERE (source.qualified_name = $symbol OR source.name = $symbol)
        AND ($path IS NULL OR source.relative_path = $path)
      MATCH p = (source)-[:CALLS*1..5]->(callee:SymbolNode)
      WHERE length(p) <= $depth AND callee <> source
      WITH source, callee, p ORDER BY length(p)
      WITH source, callee, head(collect(p)) AS p
      RETURN callee.qualified_name AS callee, callee.kind AS kind, callee.relative_path AS file,
             relationships(p)[0].line AS call_line, length(p) AS distance,
             nodes(p)[length(p) - 1].qualified_name AS via, source.qualified_name AS source
      ORDER BY distance, file, callee
      LIMIT $limit`,
  },
  {
    name: 'call-path',
    summary: 'shortest chain of calls from one symbol to another',
    description:
      'The shortest `CALLS` chain (at most 8 hops) from `from` to `to`, one row per pair of matching symbols, as `a -> b -> c` qualified names. No row means the graph has no such chain.',
    params: [
      { name: 'from', description: 'qualified or plain name of the calling symbol', type: 'string' },
      { name: 'to', description: 'qualified or plain name of the called symbol', type: 'string' },
      limitParam(10),
    ],
    example: { from: 'main', to: 'greet' },
    cypher: cypher`
      MATCH (a:SymbolNode {repo_id: $repo_id, branch: $branch}) WHERE a.qualified_name = $from OR a.name = $from
      MATCH (b:SymbolNode {repo_id: $repo_id, branch: $branch}) WHERE (b.qualified_name = $to OR b.name = $to) AND a <> b
      MATCH p = shortestPath((a)-[:CALLS*..8]->(b))
      RETURN length(p) AS hops, reduce(s = '', n IN nodes(p) | s + CASE s WHEN '' THEN '' ELSE ' -> ' END + n.qualified_name) AS path,
             a.relative_path AS from_file, b.relative_path AS to_file
      ORDER BY hops, path
      LIMIT $limit`,
  },
  {
    name: 'call-graph',
    summary: "the call neighbourhood of a symbol as paths (for Browser's graph view)",
    description:
      'Every chain of up to `depth` resolved calls leading into or out of the symbol, returned as paths, so Neo4j Browser draws the neighbourhood as a graph (the CLI prints each path as `a -[CALLS]-> b`).',
    params: [SYMBOL, { ...DEPTH, default: 2, max: 3 }, limitParam(100)],
    example: { symbol: 'greet' },
    cypher: cypher`
      MATCH (s:SymbolNode {repo_id: $repo_id, branch: $branch})
      WHERE s.qualified_name = $symbol OR s.name = $symbol
      CALL (s) {
        MATCH p = (s)-[:CALLS*1..3]->(:SymbolNode)
        WHERE length(p) <= $depth
        RETURN p
        UNION
        MATCH p = (:SymbolNode)-[:CALLS*1..3]->(s)
        WHERE length(p) <= $depth
        RETURN p
      }
      RETURN p AS path
      ORDER BY length(p), [n IN nodes(p) | n.qualified_name]
      LIMIT $limit`,
  },
  {
    name: 'most-called',
    summary: 'symbols with the most distinct callers',
    description:
      'Symbols ranked by the number of distinct symbols calling them, then by call sites (a CALLS relationship carries `count`, the number of call sites it stands for).',
    params: [
      {
        name: 'kind',
        description: 'only this kind (`function`, `method`, `class`, …); null: all',
        type: 'string',
        default: null,
      },
      limitParam(20),
    ],
    cypher: cypher`
      MATCH (caller:SymbolNode {repo_id: $repo_id, branch: $branch})-[c:CALLS]->(s:SymbolNode {repo_id: $repo_id, branch: $branch})
      WHERE $kind IS NULL OR s.kind = $kind
      RETURN s.qualified_name AS symbol, s.kind AS kind, s.relative_path AS file,
             count(DISTINCT caller) AS callers, sum(coalesce(c.count, 1)) AS call_sites
      ORDER BY callers DESC, call_sites DESC, symbol
      LIMIT $limit`,
  },
  {
    name: 'uncalled-functions',
    summary: 'functions and methods nothing in the repository calls (dead-code candidates)',
    description:
      'Functions and methods without an incoming `CALLS` relationship, skipping dunder methods and constructors. Candidates only: entry points, callbacks, framework hooks, exported API and calls the builder could not resolve all look uncalled.',
    params: [
      { name: 'path', description: 'only this file; null: all files', type: 'string', default: null },
      limitParam(100),
    ],
    cypher: cypher`
      MATCH (s:SymbolNode {repo_id: $repo_id, branch: $branch})
      WHERE s.kind IN ['function', 'method']
        AND ($path IS NULL OR s.relative_path = $path)
        AND NOT (s.name STARTS WITH '__' AND s.name ENDS WITH '__')
        AND s.name <> 'constructor'
        AND NOT EXISTS { MATCH (:SymbolNode)-[:CALLS]->(s) }
      RETURN s.relative_path AS file, s.start_line AS line, s.kind AS kind, s.qualified_name AS symbol
      ORDER BY file, line
      LIMIT $limit`,
  },
];
