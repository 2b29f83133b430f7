/** Label values of one series, keyed by label name. */
export type Labels = Readonly<Record<string, string>>;

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Throws unless `name` is a valid Prometheus metric name and every label name is valid and not reserved. */
export function assertMetricNames(name: string, labelNames: readonly string[]): void {
  if (!METRIC_NAME.test(name)) throw new Error(`invalid metric name "${name}"`);
  for (const label of labelNames) {
    if (!LABEL_NAME.test(label) || label.startsWith('__') || label === 'le') {
      throw new Error(`invalid label name "${label}" on metric "${name}"`);
    }
  }
}

/** Escapes a label value for the text exposition format (backslash, double quote and newline). */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** Escapes HELP text (backslash and newline). */
export function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/**
 * Checks that `labels` has exactly `labelNames` and returns the values in declaration order, so a series key is
 * stable whatever order the caller wrote the object in.
 */
export function labelValues(metric: string, labelNames: readonly string[], labels: Labels): string[] {
  const given = Object.keys(labels);
  const extra = given.filter((k) => !labelNames.includes(k));
  const missing = labelNames.filter((k) => labels[k] == null);
  if (extra.length > 0 || missing.length > 0) {
    throw new Error(
      `metric "${metric}" takes labels [${labelNames.join(', ')}]; missing [${missing.join(', ')}], unknown [${extra.join(', ')}]`,
    );
  }
  return labelNames.map((k) => String(labels[k]));
}

/** Renders `{a="1",b="2"}` (or nothing without labels); `extra` pairs such as `le` come last. */
export function renderLabels(
  names: readonly string[],
  values: readonly string[],
  extra: [string, string][] = [],
): string {
  const pairs = names.map((n, i): [string, string] => [n, values[i] ?? '']).concat(extra);
  if (pairs.length === 0) return '';
  return `{${pairs.map(([n, v]) => `${n}="${escapeLabelValue(v)}"`).join(',')}}`;
}

/** Formats a sample value the way Prometheus parses it (`+Inf`, `-Inf`, `NaN`, plain decimal otherwise). */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}
