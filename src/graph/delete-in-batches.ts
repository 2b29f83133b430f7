import neo4j, { type Driver } from 'neo4j-driver';
import { withGraphSession } from './with-graph-session.js';

/** Rows deleted per transaction by the TTL cleanup and repository removal. */
export const DELETE_BATCH_SIZE = 10_000;
const MAX_ROUNDS = 1_000_000;

/**
 * Runs `statement` (which must delete at most `$limit` elements and `RETURN count(*) AS deleted`) in managed write
 * transactions until a round deletes fewer than the limit; returns the total. Each round is its own transaction,
 * so memory stays bounded and a retried round is harmless.
 */
export async function deleteInBatches(
  driver: Driver,
  database: string,
  statement: string,
  params: Record<string, unknown>,
  limit = DELETE_BATCH_SIZE,
): Promise<number> {
  return withGraphSession(driver, database, async (session) => {
    let total = 0;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const result = await session.executeWrite((tx) => tx.run(statement, { ...params, limit: neo4j.int(limit) }));
      const deleted = Number(result.records[0]?.get('deleted') ?? 0);
      total += deleted;
      if (deleted < limit) break;
    }
    return total;
  });
}
