import neo4j from 'neo4j-driver';

/** A JSON-ready value. */
export type PlainValue = null | boolean | number | string | PlainValue[] | { [key: string]: PlainValue };

/**
 * Converts a value returned by the driver to plain JSON: Integers become numbers (or decimal strings beyond 2^53),
 * temporal values ISO strings, nodes and relationships their properties (plus labels or type), paths a list of
 * `{ path: [node properties…], types: [relationship types…] }`.
 */
export function toPlainValue(value: unknown): PlainValue {
  if (value == null) return null;
  if (neo4j.isInt(value)) return value.inSafeRange() ? value.toNumber() : value.toString();
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(toPlainValue);
  if (isTemporal(value)) return String(value);
  if (neo4j.isNode(value)) return { labels: value.labels, ...plainMap(value.properties) };
  if (neo4j.isRelationship(value)) return { type: value.type, ...plainMap(value.properties) };
  if (neo4j.isPath(value)) {
    return {
      path: [value.start, ...value.segments.map((s) => s.end)].map((n) => plainMap(n.properties)),
      types: value.segments.map((s) => s.relationship.type),
    };
  }
  if (typeof value === 'object') return plainMap(value as Record<string, unknown>);
  return String(value);
}

function isTemporal(value: unknown): boolean {
  return (
    neo4j.isDateTime(value) ||
    neo4j.isDate(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isDuration(value)
  );
}

function plainMap(map: Record<string, unknown>): { [key: string]: PlainValue } {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, toPlainValue(v)]));
}
