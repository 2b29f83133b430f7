import { hash } from 'node:crypto';
import type { Language, Node } from 'web-tree-sitter';
import { MISMATCH, STOPPED, collectSymbols, readSubtreeLanguage, type SubtreeLanguage } from './subtree-memory.js';

interface LanguageTables {
  walk: SubtreeLanguage;
  /** Node type name by symbol id, filled on first sight. */
  names: string[];
}

const tables = new WeakMap<Language, LanguageTables | null>();

function tablesOf(language: Language): LanguageTables | null {
  let found = tables.get(language);
  if (found === undefined) {
    const walk = readSubtreeLanguage(language);
    found = walk == null ? null : { walk, names: [] };
    tables.set(language, found);
  }
  return found;
}

function nameOf(language: Language, names: string[], id: number): string {
  let name = names[id];
  if (name == null) {
    name = language.types[id] ?? language.nodeTypeForId(id) ?? '';
    names[id] = name;
  }
  return name;
}

/**
 * Fingerprints (see `fingerprintNodes`) computed from one heap walk per outermost node: a subtree is a contiguous
 * run of its ancestor's pre-order, so each nested node hashes a slice of its outermost node's joined type names.
 * `outermost` lists the nodes to walk, in order; `indexById` maps every node to fingerprint to its slot in `out`.
 * Returns false, having possibly filled part of `out`, when the heap cannot be read as expected; the caller then
 * recomputes everything another way. When `expired` turns true, the remaining fingerprints stay empty.
 */
export function fingerprintFromMemory(
  language: Language,
  outermost: readonly Node[],
  nodes: readonly Node[],
  indexById: Map<number, number>,
  out: string[],
  expired: () => boolean,
): boolean {
  const tables = tablesOf(language);
  if (tables == null) return false;
  const ids: number[] = [];
  const found: number[] = [];
  const onMark = (index: number, position: number): void => {
    found.push(index, position);
  };
  for (const node of outermost) {
    ids.length = 0;
    found.length = 0;
    const root = indexById.get(node.id);
    if (root != null) found.push(root, 0);
    const count = collectSymbols(node, tables.walk, ids, indexById, onMark, expired);
    if (count === STOPPED) return true;
    if (count === MISMATCH) return false;
    const offsets = new Int32Array(count + 1);
    const parts = new Array<string>(count);
    let at = 0;
    for (let k = 0; k < count; k++) {
      const name = nameOf(language, tables.names, ids[k]!);
      parts[k] = name;
      offsets[k] = at;
      at += name.length + 1;
    }
    offsets[count] = at;
    const text = parts.join('\n');
    for (let f = 0; f < found.length; f += 2) {
      const index = found[f]!;
      const position = found[f + 1]!;
      const end = position + nodes[index]!.descendantCount;
      if (end > count) return false;
      out[index] = hash('sha256', text.slice(offsets[position], offsets[end]! - 1));
    }
  }
  return true;
}
