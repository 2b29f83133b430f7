import neo4j, { type Driver } from 'neo4j-driver';
import type { NamedQuery } from './named-query.js';
import { allParams } from './named-query.js';
import type { QueryParamValues } from './resolve-query-params.js';
import { toPlainValue, type PlainValue } from './to-plain-value.js';

/** Rows of a query result: column names in RETURN order and one plain object per record. */
export interface QueryRows {
  columns: string[];
  rows: Record<string, PlainValue>[];
}

/**
 * Runs `query` read-only in its own session on `database`. Integer parameters are sent as Neo4j integers (a
 * JavaScript number would arrive as a float, which `LIMIT` and list slicing reject).
 */
export async function runNamedQuery(
  driver: Driver,
  database: string,
  query: NamedQuery,
  values: QueryParamValues,
): Promise<QueryRows> {
  const params: Record<string, unknown> = {};
  for (const param of allParams(query)) {
    const value = values[param.name] ?? null;
    params[param.name] = param.type === 'integer' && typeof value === 'number' ? neo4j.int(value) : value;
  }
  const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
  try {
    return await session.executeRead(async (tx) => {
      const result = tx.run(query.cypher, params);
      const columns = (await result.keys()).map(String);
      const { records } = await result;
      return {
        columns,
        rows: records.map((r) => Object.fromEntries(columns.map((k) => [k, toPlainValue(r.get(k))]))),
      };
    });
  } finally {
    await session.close();
  }
}
