/**
 * A bounded set of recently seen keys (delivery ids, trigger keys), oldest evicted first. In-process only: the
 * durable guard against duplicate runs is the deterministic workflow id; this only saves the round trips.
 */
export class RecentKeys {
  readonly #seen = new Set<string>();

  constructor(readonly capacity = 10_000) {}

  /** Records `key`; returns false when it was already there. */
  add(key: string): boolean {
    if (this.#seen.has(key)) return false;
    this.#seen.add(key);
    if (this.#seen.size > this.capacity) {
      const oldest = this.#seen.values().next().value;
      if (oldest != null) this.#seen.delete(oldest);
    }
    return true;
  }

  delete(key: string): void {
    this.#seen.delete(key);
  }
}
