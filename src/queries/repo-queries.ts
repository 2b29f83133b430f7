import { cypher, limitParam, type NamedQuery } from './named-query.js';

/** Queries about a branch's graph as a whole, and about change between two indexed branches. */
export const REPO_QUERIES: NamedQuery[] = [
  {
    name: 'repo-overview',
    summary: 'node counts per label and relationship counts per type',
    description:
      'How big the graph of the repository is: one row per node label and per relationship type, with the indexed commit(s).',
    params: [],
    cypher: cypher`
      CALL () {
        MATCH (n:KGNode {repo_id: $repo_id, branch: $branch})
        RETURN 'node' AS element, head([l IN labels(n) WHERE l <> 'KGNode']) AS type, count(*) AS count,
               collect(DISTINCT n.commit_sha) AS commits
        UNION ALL
        MATCH (:KGNode {repo_id: $repo_id, branch: $branch})-[r]->(:KGNode {repo_id: $repo_id, branch: $branch})
        RETURN 'relationship' AS element, type(r) AS type, count(*) AS count, collect(DISTINCT r.commit_sha) AS commits
      }
      RETURN element, type, count, commits
      ORDER BY element, type`,
  },
  {
    name: 'resolution-breakdown',
    summary: 'how CALLS/IMPORTS/INHERITS/IMPLEMENTS targets were resolved',
    description:
      'Reference relationships grouped by type and by their `resolution` property (`import`, `same-file`, `receiver-type`, `relative-path`, …), with the number of source sites they stand for. A low share of a resolution kind points at a resolver gap. Calls the builder could not resolve are not stored in the graph, so unresolved hot spots are not visible here.',
    params: [],
    cypher: cypher`
      MATCH (:KGNode {repo_id: $repo_id, branch: $branch})-[r:CALLS|IMPORTS|INHERITS|IMPLEMENTS]->(:KGNode {repo_id: $repo_id, branch: $branch})
      RETURN type(r) AS relationship, coalesce(r.resolution, 'unknown') AS resolution,
             count(*) AS relationships, sum(coalesce(r.count, 1)) AS sites
      ORDER BY relationship, relationships DESC, resolution`,
  },
  {
    name: 'changed-symbols',
    summary: 'symbols added, removed or modified compared with another branch',
    description:
      'Compares the graph of `branch` with the graph of `base_branch` of the same repository (each branch has its own graph, kept at the commit it was last indexed at). Symbols are matched by file path, kind and qualified name (same-named definitions in one file, such as conditional or overloaded ones, are compared as a group). `added`: only in `branch`; `removed`: only in `base_branch`; `modified`: in both, with a different `fingerprint` (the shape of its syntax tree: node types including operators and keywords, not identifier names or literal values) or a different signature. A symbol that only moved lines is not reported; a rename or a move to another file shows as removed plus added.',
    params: [
      {
        name: 'base_branch',
        description: 'the branch to compare against (indexed with `repograph index --branch`)',
        type: 'string',
      },
      limitParam(500),
    ],
    example: { base_branch: 'main' },
    cypher: cypher`
      CALL () {
        MATCH (s:SymbolNode {repo_id: $repo_id, branch: $branch})
        WITH s.relative_path AS file, s.kind AS kind, s.qualified_name AS name, min(s.start_line) AS line,
             collect(coalesce(s.fingerprint, '') + '|' + coalesce(s.signature, '')) AS shapes, max(s.commit_sha) AS commit_sha
        OPTIONAL MATCH (b:SymbolNode {repo_id: $repo_id, branch: $base_branch, relative_path: file, kind: kind, qualified_name: name})
        WITH file, kind, name, line, shapes, commit_sha,
             collect(CASE WHEN b IS NOT NULL THEN coalesce(b.fingerprint, '') + '|' + coalesce(b.signature, '') END) AS base_shapes
        WHERE size(base_shapes) = 0 OR size(base_shapes) <> size(shapes)
           OR any(x IN shapes WHERE NOT x IN base_shapes) OR any(x IN base_shapes WHERE NOT x IN shapes)
        RETURN CASE size(base_shapes) WHEN 0 THEN 'added' ELSE 'modified' END AS change, file, kind, name, line, commit_sha
        UNION ALL
        MATCH (b:SymbolNode {repo_id: $repo_id, branch: $base_branch})
        WHERE NOT EXISTS {
          MATCH (:SymbolNode {repo_id: $repo_id, branch: $branch, relative_path: b.relative_path, kind: b.kind, qualified_name: b.qualified_name})
        }
        RETURN DISTINCT 'removed' AS change, b.relative_path AS file, b.kind AS kind, b.qualified_name AS name,
               b.start_line AS line, b.commit_sha AS commit_sha
      }
      RETURN change, file, kind, name AS symbol_name, line, commit_sha
      ORDER BY file, change, symbol_name
      LIMIT $limit`,
  },
];
