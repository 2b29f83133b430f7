/** Hex digits of a node id that key the table (52 bits, the most a double holds exactly), then those checked. */
const KEY_DIGITS = 13;
const CHECK_DIGITS = 8;
const HEX_ID = /^[0-9a-f]{21}/;
const EMPTY = 0;
const AMBIGUOUS = -1;

/**
 * The `elementId` of every node a run created, by `node_id`, so the run's relationship pass can find both ends of
 * a relationship without an index seek. A repository of a million nodes must not cost a million strings: node ids
 * are hex hashes, so the table keys each node by the first 52 bits of its id (and checks the next 32) in an
 * open-addressing table of numbers, and stores an element id as the number that follows the common prefix every
 * element id of the database shares. Anything else (an id that is not hex, an element id of another shape) goes
 * to a plain map. Two nodes whose keys collide are both forgotten: `get` answers undefined for them, and the
 * caller looks them up by their key instead. At worst slower, never a wrong node (short of 84 equal bits).
 */
export class NodeHandles {
  #keys = new Float64Array(1 << 12);
  #checks = new Uint32Array(1 << 12);
  #values = new Float64Array(1 << 12);
  #used = 0;
  #prefix: string | null = null;
  readonly #other = new Map<string, string>();

  /** Nodes remembered (ambiguous ones included). */
  get size(): number {
    return this.#used + this.#other.size;
  }

  /** Remembers where the node `nodeId` is. Each node is set once. */
  set(nodeId: string, elementId: string): void {
    const suffix = this.#suffixOf(elementId);
    if (!HEX_ID.test(nodeId) || suffix == null) {
      this.#other.set(nodeId, elementId);
      return;
    }
    if ((this.#used + 1) * 2 > this.#keys.length) this.#grow();
    const key = keyOf(nodeId);
    const check = checkOf(nodeId);
    const slot = this.#find(key);
    if (this.#keys[slot] !== key) {
      this.#keys[slot] = key;
      this.#checks[slot] = check;
      this.#values[slot] = suffix;
      this.#used++;
    } else if (this.#checks[slot] !== check) this.#values[slot] = AMBIGUOUS;
    else this.#values[slot] = suffix;
  }

  /** The element id of `nodeId` if this run created it and it is known unambiguously. */
  get(nodeId: string): string | undefined {
    if (!HEX_ID.test(nodeId)) return this.#other.get(nodeId);
    const slot = this.#find(keyOf(nodeId));
    const value = this.#values[slot] ?? EMPTY;
    if (this.#keys[slot] === EMPTY || value === AMBIGUOUS || this.#checks[slot] !== checkOf(nodeId)) {
      return this.#other.get(nodeId);
    }
    return `${this.#prefix}${value}`;
  }

  // The part after the last ':' when it is a plain non-negative integer and the rest equals the shared prefix.
  #suffixOf(elementId: string): number | null {
    const cut = elementId.lastIndexOf(':') + 1;
    const tail = elementId.slice(cut);
    if (cut === 0 || !/^(0|[1-9][0-9]{0,14})$/.test(tail)) return null;
    const prefix = elementId.slice(0, cut);
    this.#prefix ??= prefix;
    return prefix === this.#prefix ? Number(tail) : null;
  }

  #find(key: number): number {
    const mask = this.#keys.length - 1;
    let slot = mix(key) & mask;
    while (this.#keys[slot] !== EMPTY && this.#keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  #grow(): void {
    const keys = this.#keys;
    const checks = this.#checks;
    const values = this.#values;
    this.#keys = new Float64Array(keys.length * 2);
    this.#checks = new Uint32Array(keys.length * 2);
    this.#values = new Float64Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] ?? EMPTY;
      if (key === EMPTY) continue;
      const slot = this.#find(key);
      this.#keys[slot] = key;
      this.#checks[slot] = checks[i] ?? 0;
      this.#values[slot] = values[i] ?? EMPTY;
    }
  }
}

// Key 0 marks an empty slot, so every key is offset by one.
function keyOf(nodeId: string): number {
  return Number.parseInt(nodeId.slice(0, KEY_DIGITS), 16) + 1;
}

function checkOf(nodeId: string): number {
  return Number.parseInt(nodeId.slice(KEY_DIGITS, KEY_DIGITS + CHECK_DIGITS), 16);
}

// The low bits of a hash prefix are already uniform; mixing in the high bits guards ids that share a low part.
function mix(key: number): number {
  return (key ^ Math.floor(key / 0x100000000)) >>> 0;
}
