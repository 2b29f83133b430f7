import type { Node } from 'web-tree-sitter';

/**
 * The `/** … *\/` block comment that ends right before `node` (or before the statement wrapping it, e.g. an
 * `export`), with the comment markers and leading `*` removed; null when there is none.
 */
export function jsDocBefore(node: Node, wrappers: readonly string[]): string | null {
  let target = node;
  while (target.parent != null && wrappers.includes(target.parent.type)) target = target.parent;
  const previous = target.previousNamedSibling;
  if (previous == null || previous.type !== 'comment') return null;
  if (previous.endPosition.row < target.startPosition.row - 1) return null;
  const text = previous.text;
  if (!text.startsWith('/**') || text === '/**/') return null;
  return text
    .slice(3, -2)
    .split('\n')
    .map((line) => line.replace(/^\s*\*?\s?/, '').trimEnd())
    .join('\n')
    .trim();
}
