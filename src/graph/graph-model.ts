/**
 * The graph contract shared by the builder (which writes NDJSON rows) and the Neo4j writer (which UNWINDs them).
 * Labels, relationship types and property names are those of the original plus the additions documented in
 * docs/graph-schema.md.
 */

export type { Resolution } from '../resolution/resolution.js';

/** Node labels besides the common `:KGNode`. */
export const NODE_LABELS = ['FileNode', 'SymbolNode', 'TextNode'] as const;

/** One of {@link NODE_LABELS}. */
export type NodeLabel = (typeof NODE_LABELS)[number];

/**
 * Every property a node of each label carries besides the writer's stamps (`repo_id`, `branch`, `index_run_id`,
 * `last_indexed_at`): the row builders' properties plus `node_id` and `element_hash`. The writer sends node rows as
 * values in this order, so a row's property must be listed here to be written (a unit test holds the builders to it).
 */
export const NODE_PROPERTIES: Readonly<Record<NodeLabel, readonly string[]>> = {
  FileNode: [
    'node_id',
    'element_hash',
    'node_type',
    'basename',
    'relative_path',
    'commit_sha',
    'github_repo_id',
    'is_directory',
    'language',
    'content_hash',
  ],
  SymbolNode: [
    'node_id',
    'element_hash',
    'node_type',
    'commit_sha',
    'github_repo_id',
    'symbol_version_id',
    'stable_symbol_id',
    'kind',
    'name',
    'qualified_name',
    'language',
    'relative_path',
    'start_line',
    'end_line',
    'signature',
    'docstring',
    'fingerprint',
  ],
  TextNode: [
    'node_id',
    'element_hash',
    'node_type',
    'commit_sha',
    'github_repo_id',
    'text',
    'start_line',
    'end_line',
    'relative_path',
    'chunk_index',
  ],
};

/** Relationship types, in the order the writer applies them (structure first, then references). */
export const REL_TYPES = [
  'HAS_FILE',
  'HAS_SYMBOL',
  'CONTAINS_SYMBOL',
  'HAS_TEXT',
  'NEXT_CHUNK',
  'IMPORTS',
  'CALLS',
  'INHERITS',
  'IMPLEMENTS',
] as const;

/** One of {@link REL_TYPES}. */
export type RelType = (typeof REL_TYPES)[number];

/**
 * The properties a relationship's content consists of (references carry all three, structural relationships none);
 * besides them a relationship carries only the stamps `repo_id` and `commit_sha`.
 */
export const REL_CONTENT_PROPERTIES = ['resolution', 'line', 'count'] as const;

/** Property values a row may carry; null means "absent" once written, as the original's readers expect. */
export type PropertyValue = string | number | boolean | null;

/** A node row: `node_id` plus every property except `repo_id`, `index_run_id` and `last_indexed_at`. */
export interface NodeRow {
  node_id: string;
  props: Record<string, PropertyValue>;
}

/** A relationship row between two node ids of the same repository. */
export interface RelRow {
  source: string;
  target: string;
  props: Record<string, PropertyValue>;
}

/** File name of the NDJSON file holding the nodes of `label`. */
export function nodeFileName(label: NodeLabel): string {
  return `nodes-${label}.ndjson`;
}

/** File name of the NDJSON file holding the relationships of `type`. */
export function relFileName(type: RelType): string {
  return `rels-${type}.ndjson`;
}
