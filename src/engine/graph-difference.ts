import {
  nodeContentHash,
  relHash,
  relKey,
  type Fragment,
  type FragmentNode,
  type FragmentRel,
} from '../graph/fragment.js';

/** One element at two commits. */
export interface ElementChange<T> {
  before: T;
  after: T;
}

/** Elements added, removed and changed between two commits, sorted by id (nodes) or type and ends (relationships). */
export interface GraphDifference {
  nodes: { added: FragmentNode[]; removed: FragmentNode[]; changed: ElementChange<FragmentNode>[] };
  relationships: { added: FragmentRel[]; removed: FragmentRel[]; changed: ElementChange<FragmentRel>[] };
}

function keyOfRel(rel: FragmentRel): string {
  return relKey(rel.type, rel.row.source, rel.row.target);
}

function compare<T>(
  before: Map<string, T>,
  after: Map<string, T>,
  content: (element: T) => string,
): { added: T[]; removed: T[]; changed: ElementChange<T>[] } {
  const out = { added: [] as T[], removed: [] as T[], changed: [] as ElementChange<T>[] };
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const a = before.get(key);
    const b = after.get(key);
    if (a == null) out.added.push(b!);
    else if (b == null) out.removed.push(a);
    else if (content(a) !== content(b)) out.changed.push({ before: a, after: b });
  }
  return out;
}

function elementsOf(fragments: Iterable<Fragment | null | undefined>) {
  const nodes = new Map<string, FragmentNode>();
  const rels = new Map<string, FragmentRel>();
  for (const fragment of fragments) {
    for (const node of fragment?.nodes ?? []) nodes.set(node.row.node_id, node);
    for (const rel of fragment?.rels ?? []) rels.set(keyOfRel(rel), rel);
  }
  return { nodes, rels };
}

/**
 * The element-level difference of a branch's graph between commit A and commit B. `before` holds fragments at A
 * by owner (null or absent: A has no such owner); `after` holds what an engine run for B recomputed (null: the
 * owner is gone at B), and the owners it does not hold are the same at both commits. Nodes are matched by id,
 * relationships by type and ends, and compared by content without the writer's stamps (commit, symbol version), so
 * an element counts as changed only when what it says changed.
 */
export function graphDifference(
  before: ReadonlyMap<string, Fragment | null>,
  after: ReadonlyMap<string, Fragment | null>,
): GraphDifference {
  const owners = [...after.keys()];
  const a = elementsOf(owners.map((o) => before.get(o)));
  const b = elementsOf(owners.map((o) => after.get(o)));
  return { nodes: compare(a.nodes, b.nodes, nodeContentHash), relationships: compare(a.rels, b.rels, relHash) };
}
