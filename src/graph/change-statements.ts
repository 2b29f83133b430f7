import { NODE_LABELS, NODE_PROPERTIES, REL_TYPES, type NodeLabel, type RelType } from './graph-model.js';

// Labels and types end up in Cypher text; relationship types are read back from the spill file, so both are checked.
function checked<T extends string>(value: T, allowed: readonly string[]): T {
  if (!allowed.includes(value)) throw new Error(`not a graph label or relationship type: ${JSON.stringify(value)}`);
  return value;
}

/**
 * A relationship's properties are its content (`row[2]`) plus the two stamps the original put on every
 * relationship. `SET r = …` replaces every property, so one a new version no longer has is removed.
 */
const REL_PROPERTIES = (r: string, row: string) => `SET ${r} = ${row}, ${r}.repo_id = $repoId, ${r}.commit_sha = $commitSha`;

/** What the writer stamps on every node it writes, besides the row's properties. */
const NODE_STAMPS = (n: string) =>
  `${n}.repo_id = $repoId, ${n}.branch = $branch, ${n}.index_run_id = $runId, ${n}.last_indexed_at = now`;

// A node row is its values in the order of NODE_PROPERTIES: no property names travel with every row.
const NODE_MAP = (label: NodeLabel) => `{${NODE_PROPERTIES[label].map((name, i) => `${name}: p[${i}]`).join(', ')}}`;
const MERGE_NODE = (label: NodeLabel) =>
  `MERGE (n:KGNode {repo_id: $repoId, branch: $branch, node_id: p[${NODE_PROPERTIES[label].indexOf('node_id')}]}) ` +
  `SET n = ${NODE_MAP(label)}, n:${label}, ${NODE_STAMPS('n')}`;
const CREATE_NODE = (label: NodeLabel) => `CREATE (n:KGNode:${label}) SET n = ${NODE_MAP(label)}, ${NODE_STAMPS('n')}`;

/**
 * Writes a batch of owners' nodes and the relationships among them in one statement: the nodes of each label
 * from `$nodes.<Label>` (rows of values in the order of `NODE_PROPERTIES`), then each relationship from `$rels.<TYPE>`, rows
 * `[start, end, properties]` whose ends index the batch's nodes in label order. Nothing is looked up for a
 * relationship: it is made between nodes the statement just wrote. `create` is for a branch without a graph
 * (nodes and relationships are created); otherwise both are merged by key. Returns the nodes' element ids in the
 * same order, so relationships from other owners can reach them without an index seek.
 */
export function writeOwners(create: boolean): string {
  return [
    'WITH datetime($now) AS now',
    ...NODE_LABELS.map(
      (label) =>
        `CALL (now) { UNWIND $nodes.${label} AS p ${create ? CREATE_NODE(label) : MERGE_NODE(label)} RETURN collect(n) AS ${label} }`,
    ),
    `WITH ${NODE_LABELS.join(' + ')} AS nodes`,
    ...REL_TYPES.map(
      (type) =>
        `CALL (nodes) { UNWIND $rels.${type} AS row WITH nodes[toInteger(row[0])] AS a, nodes[toInteger(row[1])] AS b, row ` +
        `${create ? 'CREATE' : 'MERGE'} (a)-[r:${type}]->(b) ${REL_PROPERTIES('r', 'row[2]')} }`,
    ),
    'RETURN [n IN nodes | elementId(n)] AS ids',
  ].join('\n');
}

const SEEK = (v: string, key: string) =>
  `MATCH (${v}:KGNode {repo_id: $repoId, branch: $branch, node_id: ${key}}) USING INDEX SEEK ${v}:KGNode(repo_id, branch, node_id)`;

/**
 * Creates (`create`) or merges relationships of one type whose ends are found by key: rows `[start node id, end node
 * id, properties]`. A row whose end does not exist writes nothing. The seek is forced: without it the planner
 * sometimes picks a per-row scan.
 */
export function relsByKey(type: RelType, create: boolean): string {
  checked(type, REL_TYPES);
  return `UNWIND $rows AS row
${SEEK('a', 'row[0]')}
${SEEK('b', 'row[1]')}
${create ? 'CREATE' : 'MERGE'} (a)-[r:${type}]->(b) ${REL_PROPERTIES('r', 'row[2]')}`;
}

/**
 * Creates (`create`) or merges relationships of one type between nodes this run wrote: rows `[start element id,
 * end element id, properties]`.
 */
export function relsByElementId(type: RelType, create: boolean): string {
  checked(type, REL_TYPES);
  return `UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row[0]
MATCH (b) WHERE elementId(b) = row[1]
${create ? 'CREATE' : 'MERGE'} (a)-[r:${type}]->(b) ${REL_PROPERTIES('r', 'row[2]')}`;
}

/** Deletes nodes by key, with their relationships: `$ids`. */
export const DELETE_NODES = `UNWIND $ids AS id
MATCH (n:KGNode {repo_id: $repoId, branch: $branch, node_id: id}) DETACH DELETE n`;

/** Deletes relationships of one type by their ends' keys: rows `{s, t}`. */
export function deleteRels(type: string): string {
  if (!/^[A-Z_]+$/.test(type)) throw new Error(`invalid relationship type ${JSON.stringify(type)}`);
  return `UNWIND $rows AS row
MATCH (a:KGNode {repo_id: $repoId, branch: $branch, node_id: row.s})-[r:${type}]->(b:KGNode {repo_id: $repoId, branch: $branch, node_id: row.t})
DELETE r`;
}
