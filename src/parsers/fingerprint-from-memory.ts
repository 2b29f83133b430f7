import { hash } from 'node:crypto';
import type { Language, Node } from 'web-tree-sitter';
import { MISMATCH, STOPPED, collectSymbols, readSubtreeLanguage, type SubtreeLanguage } from './subtree-memory.js';

/** A language's node type names by symbol id, as UTF-8 each followed by `\n`, in one buffer; filled on first sight. */
interface NameTable {
  bytes: Uint8Array;
  used: number;
  /** Where the name of a symbol id starts in `bytes`. */
  start: Int32Array;
  /** Its length with the `\n`, so 0 only while the name has not been read yet. */
  length: Int32Array;
}

interface LanguageTables {
  walk: SubtreeLanguage;
  names: NameTable;
  /** `WalkMarks.symbols` by the JSON of the sorted type names it marks. */
  markSymbols: Map<string, Uint8Array>;
}

const SYMBOL_IDS = 65536;
const tables = new WeakMap<Language, LanguageTables | null>();
const utf8 = new TextEncoder();
let ids = new Uint16Array(4096);
let text = new Uint8Array(65536);
let offsets = new Int32Array(4096);

function tablesOf(language: Language): LanguageTables | null {
  let found = tables.get(language);
  if (found === undefined) {
    const walk = readSubtreeLanguage(language);
    const names = {
      bytes: new Uint8Array(4096),
      used: 0,
      start: new Int32Array(SYMBOL_IDS),
      length: new Int32Array(SYMBOL_IDS),
    };
    found = walk == null ? null : { walk, names, markSymbols: new Map() };
    tables.set(language, found);
  }
  return found;
}

/** Adds the name of symbol `id` to the table; returns its length with the `\n`. */
function addName(language: Language, names: NameTable, id: number): number {
  const name = utf8.encode(`${language.types[id] ?? language.nodeTypeForId(id) ?? ''}\n`);
  if (names.used + name.length > names.bytes.length) {
    const grown = new Uint8Array(Math.max(names.bytes.length * 2, names.used + name.length));
    grown.set(names.bytes.subarray(0, names.used));
    names.bytes = grown;
  }
  names.bytes.set(name, names.used);
  names.start[id] = names.used;
  names.length[id] = name.length;
  names.used += name.length;
  return name.length;
}

/** Which symbol ids can be one of `types` (a node's type is the name of its symbol or alias). */
function markSymbolsOf(language: Language, tables: LanguageTables, types: string[]): Uint8Array {
  const wanted = new Set(types);
  // JSON, not a separator: node type names may contain anything (Go has a "\n" token).
  const key = JSON.stringify([...wanted].sort());
  let symbols = tables.markSymbols.get(key);
  if (symbols == null) {
    symbols = new Uint8Array(65536);
    for (let id = 0; id < language.types.length; id++) {
      if (wanted.has(language.types[id] ?? language.nodeTypeForId(id) ?? '')) symbols[id] = 1;
    }
    // ERROR and its internal repeat symbol live at the top of the id space.
    for (const id of [65534, 65535]) if (wanted.has(language.nodeTypeForId(id) ?? '')) symbols[id] = 1;
    tables.markSymbols.set(key, symbols);
  }
  return symbols;
}

/**
 * Writes the names of `ids[0..count)`, each followed by `\n`, into `text`; afterwards `offsets[k]` is where name
 * k starts and `offsets[count]` where the text ends.
 */
function joinNames(language: Language, names: NameTable, count: number): void {
  if (offsets.length < count + 1) offsets = new Int32Array(Math.max(count + 1, offsets.length * 2));
  let at = 0;
  for (let k = 0; k < count; k++) {
    const id = ids[k]!;
    const length = names.length[id] || addName(language, names, id);
    if (at + length > text.length) {
      const grown = new Uint8Array(Math.max(text.length * 2, at + length));
      grown.set(text.subarray(0, at));
      text = grown;
    }
    const bytes = names.bytes;
    const from = names.start[id]!;
    offsets[k] = at;
    for (let i = 0; i < length; i++) text[at + i] = bytes[from + i]!;
    at += length;
  }
  offsets[count] = at;
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
  const found: number[] = [];
  const marks = {
    byId: indexById,
    symbols: markSymbolsOf(
      language,
      tables,
      nodes.map((node) => node.type),
    ),
  };
  const onMark = (index: number, position: number): void => {
    found.push(index, position);
  };
  for (const node of outermost) {
    found.length = 0;
    const root = indexById.get(node.id);
    if (root != null) found.push(root, 0);
    const size = node.descendantCount;
    if (ids.length < size) ids = new Uint16Array(Math.max(size, ids.length * 2));
    const count = collectSymbols(node, tables.walk, ids.subarray(0, size), marks, onMark, expired);
    if (count === STOPPED) return true;
    if (count === MISMATCH) return false;
    joinNames(language, tables.names, count);
    for (let f = 0; f < found.length; f += 2) {
      const index = found[f]!;
      const position = found[f + 1]!;
      const end = position + nodes[index]!.descendantCount;
      if (end > count) return false;
      out[index] = hash('sha256', text.subarray(offsets[position], offsets[end]! - 1));
    }
  }
  return true;
}
