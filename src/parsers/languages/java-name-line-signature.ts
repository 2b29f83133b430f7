import type { Node } from 'web-tree-sitter';
import type { HookContext } from '../language-spec.js';

/**
 * A signature that skips annotation/attribute lines above a declaration: when the definition's name sits on a
 * later line than its start (`@Override` on its own line), that line trimmed; otherwise the first line from the
 * definition's start column. Shared by the JVM, C#, PHP and Swift modules.
 */
export function nameLineSignature(
  definition: Node,
  ctx: HookContext,
  name: Node | null = definition.childForFieldName('name'),
): string {
  const start = definition.startPosition;
  const nameRow = name?.startPosition.row ?? start.row;
  if (nameRow > start.row) return (ctx.lines[nameRow] ?? '').trim();
  return (ctx.lines[start.row] ?? '').slice(start.column).trim();
}
