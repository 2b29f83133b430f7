import { cypher, limitParam, type NamedQuery } from './named-query.js';

/** Queries over symbols, their files and `CONTAINS_SYMBOL` / `INHERITS` / `IMPLEMENTS`. */
export const SYMBOL_QUERIES: NamedQuery[] = [
  {
    name: 'find-symbol',
    summary: 'symbols whose name contains a text (case-insensitive)',
    description:
      'A starting point: every symbol whose name or qualified name contains `text`, with its file, line and signature.',
    params: [{ name: 'text', description: 'part of the name to look for', type: 'string' }, limitParam(50)],
    example: { text: 'greet' },
    cypher: cypher`
      MATCH (s:SymbolNode {repo_id: $repo_id, branch: $branch})
      WHERE toLower(s.qualified_name) CONTAINS toLower($text)
      RETURN s.kind AS kind, s.qualified_name AS symbol, s.relative_path AS file, s.start_line AS line, s.signature AS signature
      ORDER BY file, line
      LIMIT $limit`,
  },
  {
    name: 'file-outline',
    summary: 'classes, functions and methods of a module/file, in source order',
    description:
      'The symbols of one file in line order, each with its enclosing symbol (`parent`, from `CONTAINS_SYMBOL`) and signature. `kind` narrows to e.g. `class` or `method`.',
    params: [
      { name: 'path', description: 'repository-relative path of the file', type: 'string' },
      { name: 'kind', description: 'only this kind; null: all', type: 'string', default: null },
      limitParam(500),
    ],
    example: { path: 'app/models.py' },
    cypher: cypher`
      MATCH (:FileNode {repo_id: $repo_id, branch: $branch, relative_path: $path})-[:HAS_SYMBOL]->(s:SymbolNode)
      WHERE $kind IS NULL OR s.kind = $kind
      OPTIONAL MATCH (parent:SymbolNode)-[:CONTAINS_SYMBOL]->(s)
      RETURN s.start_line AS line, s.end_line AS end_line, s.kind AS kind, s.qualified_name AS symbol,
             parent.qualified_name AS parent, s.signature AS signature
      ORDER BY line, symbol
      LIMIT $limit`,
  },
  {
    name: 'largest-files',
    summary: 'files with the most symbols',
    description: 'Files ranked by symbol count, with the count per kind.',
    params: [limitParam(20)],
    cypher: cypher`
      MATCH (f:FileNode {repo_id: $repo_id, branch: $branch})-[:HAS_SYMBOL]->(s:SymbolNode)
      RETURN f.relative_path AS file, f.language AS language, count(s) AS symbols,
             sum(CASE s.kind WHEN 'class' THEN 1 ELSE 0 END) AS classes,
             sum(CASE s.kind WHEN 'function' THEN 1 ELSE 0 END) AS functions,
             sum(CASE s.kind WHEN 'method' THEN 1 ELSE 0 END) AS methods
      ORDER BY symbols DESC, file
      LIMIT $limit`,
  },
  {
    name: 'inheritance-tree',
    summary: 'ancestors and descendants of a class or interface',
    description:
      'Base classes/interfaces (`ancestor`) and subclasses/implementers (`descendant`) of a class, up to `depth` levels, over `INHERITS` and `IMPLEMENTS`. `chain` runs from the subclass up to the base. Bases outside the repository (library classes) are not in the graph.',
    params: [
      { name: 'class', description: 'qualified or plain name of the class or interface', type: 'string' },
      { name: 'depth', description: 'levels to follow each way', type: 'integer', default: 5, min: 1, max: 10 },
      limitParam(200),
    ],
    example: { class: 'Animal' },
    cypher: cypher`
      MATCH (c:SymbolNode {repo_id: $repo_id, branch: $branch})
      WHERE c.qualified_name = $class OR c.name = $class
      CALL (c) {
        MATCH p = (c)-[:INHERITS|IMPLEMENTS*1..10]->(other:SymbolNode)
        WHERE length(p) <= $depth
        RETURN 'ancestor' AS direction, other, p, type(last(relationships(p))) AS relation
        UNION ALL
        MATCH p = (other:SymbolNode)-[:INHERITS|IMPLEMENTS*1..10]->(c)
        WHERE length(p) <= $depth
        RETURN 'descendant' AS direction, other, p, type(head(relationships(p))) AS relation
      }
      RETURN c.qualified_name AS class, direction, length(p) AS depth, other.qualified_name AS other,
             other.relative_path AS file, relation,
             reduce(s = '', n IN nodes(p) | s + CASE s WHEN '' THEN '' ELSE ' -> ' END + n.qualified_name) AS chain
      ORDER BY class, direction, depth, other
      LIMIT $limit`,
  },
];
