import type { Driver } from 'neo4j-driver';
import { withGraphSession } from './with-graph-session.js';

/** The constraint and indexes of parity §6.5, all idempotent. */
export const GRAPH_SCHEMA_STATEMENTS: readonly string[] = [
  'CREATE CONSTRAINT kg_node_unique IF NOT EXISTS FOR (n:KGNode) REQUIRE (n.repo_id, n.node_id) IS UNIQUE',
  'CREATE INDEX kg_node_repo_id IF NOT EXISTS FOR (n:KGNode) ON (n.repo_id)',
  'CREATE INDEX kg_node_last_indexed_at IF NOT EXISTS FOR (n:KGNode) ON (n.last_indexed_at)',
  'CREATE INDEX symbol_node_lookup IF NOT EXISTS FOR (n:SymbolNode) ON (n.repo_id, n.relative_path, n.name)',
  'CREATE INDEX symbol_node_qualified_name IF NOT EXISTS FOR (n:SymbolNode) ON (n.repo_id, n.qualified_name)',
  'CREATE INDEX symbol_node_fingerprint IF NOT EXISTS FOR (n:SymbolNode) ON (n.repo_id, n.fingerprint)',
  'CREATE INDEX file_node_path IF NOT EXISTS FOR (n:FileNode) ON (n.repo_id, n.relative_path)',
  'CREATE INDEX text_node_path IF NOT EXISTS FOR (n:TextNode) ON (n.repo_id, n.relative_path)',
  'CREATE INDEX symbol_node_kind IF NOT EXISTS FOR (n:SymbolNode) ON (n.repo_id, n.kind)',
];

/**
 * Creates the graph constraint and indexes if missing and waits for them to come online. Every process that writes
 * the graph calls it at start (the worker included, C49); concurrent calls are harmless.
 */
export async function ensureGraphSchema(driver: Driver, database: string): Promise<void> {
  await withGraphSession(driver, database, async (session) => {
    for (const statement of GRAPH_SCHEMA_STATEMENTS) {
      await session.executeWrite((tx) => tx.run(statement));
    }
    await session.run('CALL db.awaitIndexes(300)');
  });
}
