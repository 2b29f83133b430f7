import { cypher, limitParam, type NamedQuery } from './named-query.js';

/** Queries over `IMPORTS` relationships (importing file → imported file). */
export const IMPORT_QUERIES: NamedQuery[] = [
  {
    name: 'file-imports',
    summary: 'the import graph of a file: what it imports and what imports it',
    description:
      'Files the given file imports (`imports`) and files importing it (`imported_by`), up to `depth` hops away. For direct neighbours `resolution` says how the import was resolved and `line` is the import statement in the importing file. Imports of packages outside the repository are not in the graph.',
    params: [
      { name: 'path', description: 'repository-relative path of the file', type: 'string' },
      { name: 'depth', description: 'how many IMPORTS hops to follow', type: 'integer', default: 1, min: 1, max: 5 },
      limitParam(200),
    ],
    example: { path: 'app/main.py' },
    cypher: cypher`
      MATCH (f:FileNode {repo_id: $repo_id, branch: $branch, relative_path: $path})
      CALL (f) {
        MATCH p = (f)-[:IMPORTS*1..5]->(other:FileNode)
        WHERE length(p) <= $depth AND other <> f
        WITH other, min(length(p)) AS distance
        OPTIONAL MATCH (f)-[r:IMPORTS]->(other)
        RETURN 'imports' AS direction, other, distance, r
        UNION ALL
        MATCH p = (other:FileNode)-[:IMPORTS*1..5]->(f)
        WHERE length(p) <= $depth AND other <> f
        WITH other, min(length(p)) AS distance
        OPTIONAL MATCH (other)-[r:IMPORTS]->(f)
        RETURN 'imported_by' AS direction, other, distance, r
      }
      RETURN direction, other.relative_path AS file, distance, r.resolution AS resolution, r.line AS line
      ORDER BY direction DESC, distance, file
      LIMIT $limit`,
  },
  {
    name: 'import-cycles',
    summary: 'files that import each other in a cycle (up to 6 files long)',
    description:
      'Import cycles, each once, written from its lexicographically smallest file (`a.py -> b.py -> a.py`). For every import that lies on a cycle of at most 6 files, the shortest cycle through it is reported, so every such import appears in at least one row, while longer alternative cycles over the same imports are not listed. `max_length` drops longer cycles.',
    params: [
      {
        name: 'max_length',
        description: 'longest cycle to report, in files',
        type: 'integer',
        default: 6,
        min: 2,
        max: 6,
      },
      limitParam(100),
    ],
    cypher: cypher`
      MATCH (a:FileNode {repo_id: $repo_id, branch: $branch})-[:IMPORTS]->(b:FileNode)
      WHERE a <> b
      MATCH p = shortestPath((b)-[:IMPORTS*1..5]->(a))
      WITH [a.relative_path] + [n IN nodes(p)[..-1] | n.relative_path] AS ring
      WHERE size(ring) <= $max_length
      WITH ring, reduce(m = ring[0], y IN ring | CASE WHEN y < m THEN y ELSE m END) AS smallest
      WITH ring, [i IN range(0, size(ring) - 1) WHERE ring[i] = smallest][0] AS start
      WITH DISTINCT [i IN range(0, size(ring) - 1) | toString(ring[(i + start) % size(ring)])] AS files
      RETURN size(files) AS length, reduce(s = files[0], f IN files[1..] + [files[0]] | s + ' -> ' + f) AS cycle
      ORDER BY length, cycle
      LIMIT $limit`,
  },
  {
    name: 'unimported-files',
    summary: 'code files no other file imports (entry points or dead modules)',
    description:
      'Source files (not directories, not text/doc files) without an incoming `IMPORTS` relationship, with their symbol count. Entry points, tests, scripts and files loaded by frameworks or by imports the builder could not resolve appear here too.',
    params: [
      {
        name: 'language',
        description: 'only this language (`python`, `typescript`, …); null: all',
        type: 'string',
        default: null,
      },
      limitParam(200),
    ],
    cypher: cypher`
      MATCH (f:FileNode {repo_id: $repo_id, branch: $branch})
      WHERE coalesce(f.is_directory, false) = false
        AND f.language IS NOT NULL AND f.language <> 'text'
        AND ($language IS NULL OR f.language = $language)
        AND NOT EXISTS { MATCH (:FileNode)-[:IMPORTS]->(f) }
      RETURN f.relative_path AS file, f.language AS language, COUNT { (f)-[:HAS_SYMBOL]->() } AS symbols
      ORDER BY file
      LIMIT $limit`,
  },
];
