import { Counter } from './counter.js';
import { Histogram } from './histogram.js';

/** The `Content-Type` of the Prometheus text exposition format this registry renders. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** A dependency-free set of metric families rendered in the Prometheus text format (version 0.0.4). */
export class MetricsRegistry {
  readonly #metrics = new Map<string, Counter | Histogram>();

  /** Registers a counter; asking again for the same name and labels returns the existing one. */
  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    const existing = this.#metrics.get(name);
    if (existing != null) return this.#reuse(existing, Counter, labelNames);
    const counter = new Counter(name, help, labelNames);
    this.#metrics.set(name, counter);
    return counter;
  }

  /** Registers a histogram; asking again for the same name and labels returns the existing one. */
  histogram(name: string, help: string, labelNames: readonly string[] = [], buckets?: readonly number[]): Histogram {
    const existing = this.#metrics.get(name);
    if (existing != null) return this.#reuse(existing, Histogram, labelNames);
    const histogram = new Histogram(name, help, labelNames, buckets);
    this.#metrics.set(name, histogram);
    return histogram;
  }

  /** Every family in registration order, newline-terminated, ready to serve on `/metrics`. */
  render(): string {
    const lines = [...this.#metrics.values()].flatMap((m) => m.render());
    return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
  }

  #reuse<T extends Counter | Histogram>(
    existing: Counter | Histogram,
    type: new (...args: never[]) => T,
    labelNames: readonly string[],
  ): T {
    if (!(existing instanceof type) || existing.labelNames.join(',') !== labelNames.join(',')) {
      throw new Error(`metric "${existing.name}" is already registered with another type or other labels`);
    }
    return existing;
  }
}
