import { createHash } from 'node:crypto';
import type { Node, Tree, TreeCursor } from 'web-tree-sitter';
import { fingerprintFromMemory } from './fingerprint-from-memory.js';

interface Open {
  depth: number;
  index: number;
  types: string[];
}

/**
 * Fingerprints of `nodes`: sha256 hex of the pre-order node types (named and anonymous, comments
 * included) of each node's subtree joined with `\n`. One iterative pass per outermost node serves every node
 * nested in it, so nested definitions are not walked twice and any nesting depth is safe. The pass reads the
 * WASM heap directly when it can and walks a TreeCursor otherwise; both give the same fingerprints.
 */
export function fingerprintNodes(nodes: readonly Node[], tree: Tree, expired: () => boolean = () => false): string[] {
  const fingerprints = new Array<string>(nodes.length).fill('');
  const indexById = new Map<number, number>();
  const types = new Set<string>();
  const order = nodes.map((node, index) => ({ index, start: node.startIndex, end: node.endIndex, node }));
  order.sort((a, b) => a.start - b.start || b.end - a.end);
  for (const { node, index } of order) {
    indexById.set(node.id, index);
    types.add(node.type);
  }
  const outermost: Node[] = [];
  let coveredUntil = -1;
  for (const { node, end } of order) {
    if (end <= coveredUntil) continue;
    coveredUntil = end;
    outermost.push(node);
  }
  if (fingerprintFromMemory(tree.language, outermost, nodes, indexById, fingerprints, expired)) return fingerprints;
  fingerprints.fill('');
  const cursor = tree.walk();
  try {
    for (const node of outermost) {
      if (!walk(node, cursor, indexById, types, fingerprints, expired)) break;
    }
  } finally {
    cursor.delete();
  }
  return fingerprints;
}

const CHECK_EVERY = 4096;

/** Walks one subtree; false when the budget ran out (its unfinished fingerprints stay empty). */
function walk(
  node: Node,
  cursor: TreeCursor,
  indexById: Map<number, number>,
  types: Set<string>,
  out: string[],
  expired: () => boolean,
): boolean {
  cursor.reset(node);
  const open: Open[] = [];
  const close = (depth: number): void => {
    while (open.length > 0 && open[open.length - 1]!.depth >= depth) {
      const done = open.pop()!;
      out[done.index] = createHash('sha256').update(done.types.join('\n')).digest('hex');
    }
  };
  let depth = 0;
  for (let visited = 1; ; visited++) {
    if (visited % CHECK_EVERY === 0 && expired()) return false;
    const type = cursor.nodeType;
    const index = types.has(type) ? indexById.get(cursor.nodeId) : undefined;
    if (index != null) open.push({ depth, index, types: [] });
    for (const o of open) o.types.push(type);
    if (cursor.gotoFirstChild()) {
      depth++;
      continue;
    }
    for (;;) {
      if (cursor.gotoNextSibling()) {
        close(depth);
        break;
      }
      if (!cursor.gotoParent()) {
        close(0);
        return true;
      }
      depth--;
    }
  }
}

/** Number of ERROR and MISSING nodes below `node` (syntax errors are reported, never silent). */
export function countSyntaxErrors(node: Node, cursor: TreeCursor): number {
  if (!node.hasError) return 0;
  cursor.reset(node);
  let count = 0;
  for (;;) {
    if (cursor.nodeType === 'ERROR' || cursor.nodeIsMissing) count++;
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) return count;
    }
  }
}
