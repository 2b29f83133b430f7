import type { Language, Node } from 'web-tree-sitter';

// Reads tree-sitter's subtrees straight from the WASM heap (web-tree-sitter 0.25, wasm32, little-endian): one
// typed-array read per field instead of three marshalled calls per node through a TreeCursor, which cost about
// as much as the parse itself. Every walk is checked against `node.descendantCount`; callers fall back to a
// cursor walk when the check fails, so a layout change costs speed, never correctness.

/** Size of a `Subtree` (an 8-byte inline leaf or a pointer to `SubtreeHeapData`). */
const SUBTREE_BYTES = 8;
/** `SubtreeHeapData` field offsets. */
const HEAP_CHILD_COUNT = 36;
const HEAP_SYMBOL = 40;
const HEAP_FLAGS = 44;
const HEAP_PRODUCTION_ID = 66;
/** `TSLanguage` field offsets. */
const LANGUAGE_SYMBOL_COUNT = 4;
const LANGUAGE_ALIAS_COUNT = 8;
const LANGUAGE_MAX_ALIAS_SEQUENCE_LENGTH = 36;
const LANGUAGE_ALIAS_SEQUENCES = 84;
/** Flag bits: byte 0 of an inline subtree, byte `HEAP_FLAGS` of a heap one. */
const INLINE_BIT = 1;
const INLINE_VISIBLE = 2;
const INLINE_EXTRA = 8;
const HEAP_VISIBLE = 1;
const HEAP_EXTRA = 4;

/** `collectSymbols` results: the heap does not match the node; the walk was stopped. */
export const MISMATCH = -1;
export const STOPPED = -2;

/** The grammar facts a walk needs, read once per language and thread. */
export interface SubtreeLanguage {
  /** Address of `alias_sequences`, 0 when the grammar has no aliases. */
  aliasSequences: number;
  maxAliasSequenceLength: number;
}

/** The part of `WebAssembly.Memory` used here (the project's `lib` has no WebAssembly types). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

interface WasmMemoryConstructor {
  new (descriptor: { initial: number; maximum: number }): WasmMemory;
}

let memory: WasmMemory | null = null;
let u8 = new Uint8Array(0);
let u16 = new Uint16Array(0);
let u32 = new Uint32Array(0);

/** Creates the memory web-tree-sitter must run in (`Parser.init({ wasmMemory })`) so subtrees can be read. */
export function createTreeSitterMemory(): WasmMemory {
  const { Memory } = (globalThis as unknown as { WebAssembly: { Memory: WasmMemoryConstructor } }).WebAssembly;
  // The runtime's own defaults: 32 MB initial, 2 GB maximum.
  memory = new Memory({ initial: 512, maximum: 32768 });
  return memory;
}

function views(): boolean {
  if (memory == null) return false;
  if (u8.buffer !== memory.buffer) {
    u8 = new Uint8Array(memory.buffer);
    u16 = new Uint16Array(memory.buffer);
    u32 = new Uint32Array(memory.buffer);
  }
  return true;
}

/** The walk facts of `language`, or null when its struct does not look like the expected layout. */
export function readSubtreeLanguage(language: Language): SubtreeLanguage | null {
  const address = (language as unknown as Record<number, number>)[0];
  if (!views() || typeof address !== 'number' || address <= 0 || address + 88 > u8.length) return null;
  const symbols = u32[(address + LANGUAGE_SYMBOL_COUNT) >> 2]! + u32[(address + LANGUAGE_ALIAS_COUNT) >> 2]!;
  if (u32[address >> 2] !== language.abiVersion || symbols !== language.types.length) return null;
  return {
    aliasSequences: u32[(address + LANGUAGE_ALIAS_SEQUENCES) >> 2]!,
    maxAliasSequenceLength: u16[(address + LANGUAGE_MAX_ALIAS_SEQUENCE_LENGTH) >> 1]!,
  };
}

/** Walk stack: per open subtree, the next child's address, the end of its children, its alias sequence, and
 * how many non-extra children were seen. */
const FRAME = 4;
let stack = new Int32Array(FRAME * 256);

/** Nodes to find during a walk: their ids (with a value each) and, by symbol id, which symbols they can have. */
export interface WalkMarks {
  byId: Map<number, number>;
  /** Non-zero at every symbol id whose name is the type of some node in `byId`; 65536 entries. */
  symbols: Uint8Array;
}

/**
 * Writes the symbol ids of the visible nodes of `node`'s subtree (itself first, pre-order, anonymous and extra
 * nodes included, aliases applied) to `out` (sized `node.descendantCount`), and for every other visited node
 * that is a key of `marks.byId`, calls `onMark(value, position in out)`. Returns how many ids it wrote,
 * `MISMATCH` when the heap does not match the node, or `STOPPED` when `stop` (polled every 4096 nodes) said true.
 */
export function collectSymbols(
  node: Node,
  language: SubtreeLanguage,
  out: Uint16Array,
  marks: WalkMarks,
  onMark: (value: number, position: number) => void,
  stop: () => boolean,
): number {
  if (!views() || node.id <= 0 || node.id + SUBTREE_BYTES > u8.length || out.length < 1) return MISMATCH;
  const [bytes, halves, words] = [u8, u16, u32];
  const { aliasSequences, maxAliasSequenceLength } = language;
  let frames = stack;
  out[0] = node.typeId;
  let written = 1;
  let top = -FRAME;
  let inline = (bytes[node.id]! & INLINE_BIT) !== 0;
  let heap = inline ? 0 : words[node.id >> 2]!;
  for (let visited = 1; ; visited++) {
    const childCount = inline ? 0 : words[(heap + HEAP_CHILD_COUNT) >> 2]!;
    if (childCount > 0) {
      top += FRAME;
      if (top + FRAME > frames.length) {
        const grown = new Int32Array(frames.length * 2);
        grown.set(frames);
        frames = stack = grown;
      }
      const production = halves[(heap + HEAP_PRODUCTION_ID) >> 1]!;
      frames[top] = heap - childCount * SUBTREE_BYTES;
      frames[top + 1] = heap;
      frames[top + 2] = production === 0 ? 0 : aliasSequences + production * maxAliasSequenceLength * 2;
      frames[top + 3] = 0;
    }
    while (top >= 0 && frames[top] === frames[top + 1]) top -= FRAME;
    if (top < 0) break;
    if ((visited & 4095) === 0 && stop()) return STOPPED;
    const address = frames[top]!;
    frames[top] = address + SUBTREE_BYTES;
    const flags = bytes[address]!;
    inline = (flags & INLINE_BIT) !== 0;
    heap = inline ? 0 : words[address >> 2]!;
    const heapFlags = inline ? 0 : bytes[heap + HEAP_FLAGS]!;
    let alias = 0;
    if (inline ? (flags & INLINE_EXTRA) === 0 : (heapFlags & HEAP_EXTRA) === 0) {
      const aliases = frames[top + 2]!;
      const structural = frames[top + 3]!;
      if (aliases !== 0) alias = halves[(aliases + structural * 2) >> 1]!;
      frames[top + 3] = structural + 1;
    }
    if (alias !== 0 || (inline ? (flags & INLINE_VISIBLE) !== 0 : (heapFlags & HEAP_VISIBLE) !== 0)) {
      if (written === out.length) return MISMATCH;
      const symbol = alias !== 0 ? alias : inline ? bytes[address + 1]! : halves[(heap + HEAP_SYMBOL) >> 1]!;
      if (marks.symbols[symbol] !== 0) {
        const mark = marks.byId.get(address);
        if (mark != null) onMark(mark, written);
      }
      out[written++] = symbol;
    }
  }
  return written === node.descendantCount ? written : MISMATCH;
}
