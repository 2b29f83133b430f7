import { createHash } from 'node:crypto';
import type { Node, TreeCursor } from 'web-tree-sitter';

/**
 * sha256 hex of the pre-order node types (named and anonymous, comments included) of `node`'s subtree joined with
 * `\n` (parity §5.2). Walks iteratively with a cursor, so any nesting depth is safe.
 */
export function fingerprintNode(node: Node, cursor: TreeCursor): string {
  cursor.reset(node);
  const types: string[] = [];
  for (;;) {
    types.push(cursor.nodeType);
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) return createHash('sha256').update(types.join('\n')).digest('hex');
    }
  }
}

/** Number of ERROR and MISSING nodes below `node` (C13: syntax errors are reported, never silent). */
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
