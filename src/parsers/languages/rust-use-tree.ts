import type { Node } from 'web-tree-sitter';
import type { ImportedName, ImportRef } from '../parsed-file.js';

const MAX_USE_ITEMS = 1000;

/**
 * Completes a Rust import from its node: a `use` list is flattened into names relative to the list's path
 * (`use std::{fmt, collections::{BTreeMap as Map, HashSet}}` → module `std`, names `fmt`,
 * `collections::BTreeMap as Map`, `collections::HashSet`; a nested `io::prelude::*` stays a name), and a
 * file module `mod x;` or `extern crate x;` keeps the captures. Iterative: use trees can nest deeply.
 */
export function finishRustImport(ref: ImportRef, node: Node): ImportRef {
  const isRelative = node.type === 'mod_item' || /^(self|super|crate)(::|$)/.test(ref.module);
  const argument = node.type === 'use_declaration' ? node.childForFieldName('argument') : null;
  if (argument == null || (argument.type !== 'scoped_use_list' && argument.type !== 'use_list')) {
    return { ...ref, isRelative };
  }
  const list = argument.type === 'use_list' ? argument : argument.childForFieldName('list');
  return { ...ref, isRelative, isWildcard: false, names: list == null ? [] : flattenUseList(list) };
}

function flattenUseList(root: Node): ImportedName[] {
  const names: ImportedName[] = [];
  const stack: { items: Node[]; next: number; prefix: string }[] = [{ items: items(root), next: 0, prefix: '' }];
  while (stack.length > 0 && names.length < MAX_USE_ITEMS) {
    const frame = stack[stack.length - 1]!;
    const item = frame.items[frame.next++];
    if (item == null) {
      stack.pop();
    } else if (item.type === 'scoped_use_list' || item.type === 'use_list') {
      const path = item.type === 'use_list' ? null : item.childForFieldName('path')?.text;
      const list = item.type === 'use_list' ? item : item.childForFieldName('list');
      const prefix = path == null ? frame.prefix : `${frame.prefix}${path}::`;
      if (list != null) stack.push({ items: items(list), next: 0, prefix });
    } else if (item.type === 'use_as_clause') {
      const path = item.childForFieldName('path')?.text ?? '';
      names.push({ name: `${frame.prefix}${path}`, alias: item.childForFieldName('alias')?.text ?? null });
    } else {
      names.push({ name: `${frame.prefix}${item.text}`, alias: null });
    }
  }
  return names;
}

function items(list: Node): Node[] {
  return list.namedChildren.filter((item): item is Node => item != null && !item.type.endsWith('comment'));
}
