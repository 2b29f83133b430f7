import type { QueryRows } from './run-named-query.js';
import type { PlainValue } from './to-plain-value.js';

const MAX_CELL = 120;

function nodeName(node: PlainValue): string {
  if (node == null || typeof node !== 'object' || Array.isArray(node)) return String(node);
  return String(node.qualified_name ?? node.relative_path ?? node.node_id ?? '?');
}

// A path (see toPlainValue) reads as `a -[CALLS]-> b`; its full properties are in the JSON output.
function pathText(value: PlainValue): string | null {
  if (value == null || typeof value !== 'object' || Array.isArray(value)) return null;
  const { path, types } = value;
  if (!Array.isArray(path) || !Array.isArray(types)) return null;
  return path.map((node, i) => (i === 0 ? nodeName(node) : ` -[${String(types[i - 1])}]-> ${nodeName(node)}`)).join('');
}

function cell(value: PlainValue): string {
  if (value == null) return '';
  const text = pathText(value) ?? (typeof value === 'object' ? JSON.stringify(value) : String(value));
  const flat = text.replace(/\s*\n\s*/g, ' ');
  return flat.length > MAX_CELL ? `${flat.slice(0, MAX_CELL - 1)}…` : flat;
}

/** An aligned text table with a header line, or `(no rows)`; long cells are cut to 120 characters. */
export function renderTable({ columns, rows }: QueryRows): string {
  if (rows.length === 0) return '(no rows)\n';
  const cells = rows.map((row) => columns.map((c) => cell(row[c] ?? null)));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]?.length ?? 0)));
  const line = (values: string[]): string =>
    values
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const header = [line(columns), line(widths.map((w) => '-'.repeat(w)))];
  return `${[...header, ...cells.map(line)].join('\n')}\n(${rows.length} row${rows.length === 1 ? '' : 's'})\n`;
}

/** One JSON object per row and line, keys in column order; nothing for no rows. */
export function renderJsonLines({ columns, rows }: QueryRows): string {
  return rows.map((row) => `${JSON.stringify(Object.fromEntries(columns.map((c) => [c, row[c] ?? null])))}\n`).join('');
}
