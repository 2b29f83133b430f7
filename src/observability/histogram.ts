import { assertMetricNames, escapeHelp, formatValue, labelValues, renderLabels, type Labels } from './metric-labels.js';

/** Default buckets in seconds, from 50 ms to 1 h: indexing runs span seconds to tens of minutes. */
export const DEFAULT_DURATION_BUCKETS: readonly number[] = [
  0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600,
];

interface HistogramSeries {
  values: string[];
  /** Non-cumulative count per bucket; rendered cumulatively. */
  counts: number[];
  sum: number;
  count: number;
}

/** A Prometheus histogram: cumulative `_bucket{le}` series plus `_sum` and `_count`, per label set. */
export class Histogram {
  readonly buckets: readonly number[];
  readonly #series = new Map<string, HistogramSeries>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[] = [],
    buckets: readonly number[] = DEFAULT_DURATION_BUCKETS,
  ) {
    assertMetricNames(name, labelNames);
    const sorted = [...buckets].filter((b) => b !== Infinity).sort((a, b) => a - b);
    if (sorted.length === 0 || sorted.some((b, i) => !Number.isFinite(b) || (i > 0 && b === sorted[i - 1]))) {
      throw new Error(`histogram "${name}" needs distinct finite buckets, got [${buckets.join(', ')}]`);
    }
    this.buckets = Object.freeze(sorted);
  }

  /** Records one observation of `value` in the series of `labels`. */
  observe(labels: Labels, value: number): void {
    if (Number.isNaN(value)) throw new Error(`histogram "${this.name}" cannot observe NaN`);
    const values = labelValues(this.name, this.labelNames, labels);
    const key = JSON.stringify(values);
    let series = this.#series.get(key);
    if (series == null) {
      series = { values, counts: new Array<number>(this.buckets.length + 1).fill(0), sum: 0, count: 0 };
      this.#series.set(key, series);
    }
    const index = this.buckets.findIndex((upper) => value <= upper);
    const slot = index < 0 ? this.buckets.length : index;
    series.counts[slot] = (series.counts[slot] ?? 0) + 1;
    series.sum += value;
    series.count += 1;
  }

  /** Observation count and sum of the series of `labels` (zeros when never observed). */
  get(labels: Labels): { count: number; sum: number } {
    const series = this.#series.get(JSON.stringify(labelValues(this.name, this.labelNames, labels)));
    return { count: series?.count ?? 0, sum: series?.sum ?? 0 };
  }

  /** HELP, TYPE and, per series, every cumulative bucket (ending with `+Inf`), `_sum` and `_count`. */
  render(): string[] {
    const lines = [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} histogram`];
    for (const series of this.#series.values()) {
      let cumulative = 0;
      const uppers = [...this.buckets, Infinity];
      uppers.forEach((upper, i) => {
        cumulative += series.counts[i] ?? 0;
        const labels = renderLabels(this.labelNames, series.values, [['le', formatValue(upper)]]);
        lines.push(`${this.name}_bucket${labels} ${cumulative}`);
      });
      const labels = renderLabels(this.labelNames, series.values);
      lines.push(`${this.name}_sum${labels} ${formatValue(series.sum)}`, `${this.name}_count${labels} ${series.count}`);
    }
    return lines;
  }
}
