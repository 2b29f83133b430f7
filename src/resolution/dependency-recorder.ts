/** One open recording: its keys, and how much of each unchanging key collection it already holds. */
interface Recording {
  keys: Set<string>;
  merged: Map<object, number> | null;
}

/**
 * Records what resolution reads from the index, as dependency keys (see `dependency-keys.ts`), and which known
 * files it wanted that were not loaded yet.
 */
export class DependencyRecorder {
  readonly #stack: Recording[] = [];
  readonly misses = new Set<string>();

  /** Adds a key to the innermost recording, if any. */
  record(key: string): void {
    this.#stack.at(-1)?.keys.add(key);
  }

  /** Adds every key of `keys` to the innermost recording. */
  recordAll(keys: Iterable<string>): void {
    const top = this.#stack.at(-1);
    if (top != null) for (const key of keys) top.keys.add(key);
  }

  /**
   * Adds every key of a set that never changes again (the keys of a cached answer). A recording takes each such set
   * once, so asking a cached question again costs nothing however many keys its answer read.
   */
  recordCached(keys: ReadonlySet<string>): void {
    const top = this.#stack.at(-1);
    if (top == null || top.merged?.has(keys) === true) return;
    (top.merged ??= new Map()).set(keys, keys.size);
    for (const key of keys) top.keys.add(key);
  }

  /**
   * Adds the first `count` keys of a list that never changes again (the files of a package up to the one a lookup
   * stopped at). A recording keeps how far into each list it got, so every key is added once.
   */
  recordPrefix(keys: readonly string[], count: number): void {
    const top = this.#stack.at(-1);
    if (top == null) return;
    const merged = (top.merged ??= new Map());
    const done = merged.get(keys) ?? 0;
    if (count <= done) return;
    merged.set(keys, count);
    for (let i = done; i < count; i++) top.keys.add(keys[i]!);
  }

  /** Runs `fn` recording into a new set, and returns both. */
  capture<T>(fn: () => T): { value: T; keys: Set<string> } {
    const keys = new Set<string>();
    this.#stack.push({ keys, merged: null });
    try {
      return { value: fn(), keys };
    } finally {
      this.#stack.pop();
    }
  }
}
