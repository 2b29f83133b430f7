import { nodeHash, relHash, relKey, type Fragment, type FragmentNode, type FragmentRel } from './fragment.js';

/** What Neo4j holds of one owner's fragment: node ids and relationship keys, each with its content hash. */
export interface StoredFragment {
  nodes: Map<string, string | null>;
  rels: Map<string, string | null>;
}

/** A node to write, with the content hash it will carry as `element_hash`. */
export interface NodeWrite {
  node: FragmentNode;
  hash: string;
}

/** A relationship to write, and whether both ends belong to the same owner. */
export interface RelWrite {
  rel: FragmentRel;
  local: boolean;
}

/** The writes one owner needs to go from what is stored to its new fragment. */
export interface OwnerChanges {
  owner: string;
  upsertNodes: NodeWrite[];
  deleteNodes: string[];
  upsertRels: RelWrite[];
  /** Relationship keys (`type\nsource\ntarget`) to delete whose start node stays. */
  deleteRels: string[];
  /** Elements that go away (relationships of deleted nodes included). */
  deletedElements: number;
}

/**
 * Compares an owner's new fragment (null: the owner is gone) with what is stored and returns only what differs:
 * nodes and relationships that are new or whose content hash changed, and those that are no longer there.
 * Identical fragments give no writes at all.
 */
export function diffFragment(owner: string, next: Fragment | null, stored: StoredFragment | undefined): OwnerChanges {
  if (stored == null) return everythingNew(owner, next);
  const changes: OwnerChanges = {
    owner,
    upsertNodes: [],
    deleteNodes: [],
    upsertRels: [],
    deleteRels: [],
    deletedElements: 0,
  };
  const ids = new Set<string>();
  for (const node of next?.nodes ?? []) {
    ids.add(node.row.node_id);
    const hash = nodeHash(node);
    if (stored.nodes.get(node.row.node_id) !== hash) changes.upsertNodes.push({ node, hash });
  }
  const deleted = new Set<string>();
  for (const id of stored.nodes.keys()) {
    if (!ids.has(id)) {
      changes.deleteNodes.push(id);
      deleted.add(id);
    }
  }
  const keys = new Set<string>();
  for (const rel of next?.rels ?? []) {
    const key = relKey(rel.type, rel.row.source, rel.row.target);
    keys.add(key);
    const hash = stored.rels.get(key);
    if (hash === undefined || hash !== relHash(rel)) changes.upsertRels.push({ rel, local: ids.has(rel.row.target) });
  }
  for (const key of stored.rels.keys()) {
    if (keys.has(key)) continue;
    changes.deletedElements++;
    const source = key.split('\n')[1] ?? '';
    if (!deleted.has(source)) changes.deleteRels.push(key);
  }
  changes.deletedElements += changes.deleteNodes.length;
  return changes;
}

// Nothing of the owner is stored: every element is written, and nothing is compared or deleted.
function everythingNew(owner: string, next: Fragment | null): OwnerChanges {
  const nodes = next?.nodes ?? [];
  const ids = new Set(nodes.map((node) => node.row.node_id));
  return {
    owner,
    upsertNodes: nodes.map((node) => ({ node, hash: nodeHash(node) })),
    deleteNodes: [],
    upsertRels: (next?.rels ?? []).map((rel) => ({ rel, local: ids.has(rel.row.target) })),
    deleteRels: [],
    deletedElements: 0,
  };
}

/** Elements a set of changes writes (created or changed). */
export function writtenElements(changes: readonly OwnerChanges[]): number {
  return changes.reduce((sum, c) => sum + c.upsertNodes.length + c.upsertRels.length, 0);
}
