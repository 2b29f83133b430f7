import { assertMetricNames, escapeHelp, formatValue, labelValues, renderLabels, type Labels } from './metric-labels.js';

/** A monotonically increasing Prometheus counter with a fixed set of label names. */
export class Counter {
  readonly #series = new Map<string, { values: string[]; total: number }>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[] = [],
  ) {
    assertMetricNames(name, labelNames);
  }

  /** Adds `amount` (default 1, must be ≥ 0) to the series of `labels`. */
  inc(labels: Labels = {}, amount = 1): void {
    if (!(amount >= 0) || !Number.isFinite(amount)) {
      throw new Error(`counter "${this.name}" can only grow by a finite amount ≥ 0, got ${amount}`);
    }
    const values = labelValues(this.name, this.labelNames, labels);
    const key = JSON.stringify(values);
    const series = this.#series.get(key);
    if (series == null) this.#series.set(key, { values, total: amount });
    else series.total += amount;
  }

  /** The current value of the series of `labels` (0 when it was never incremented). */
  get(labels: Labels = {}): number {
    return this.#series.get(JSON.stringify(labelValues(this.name, this.labelNames, labels)))?.total ?? 0;
  }

  /** HELP, TYPE and one sample line per series, in first-use order. */
  render(): string[] {
    const lines = [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} counter`];
    for (const { values, total } of this.#series.values()) {
      lines.push(`${this.name}${renderLabels(this.labelNames, values)} ${formatValue(total)}`);
    }
    return lines;
  }
}
