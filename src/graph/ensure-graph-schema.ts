import type { Driver, Session } from 'neo4j-driver';
import { withGraphSession } from './with-graph-session.js';

/**
 * The uniqueness constraint and the indexes: the original's set (its constraint key gains `branch`, since one
 * repository now has a graph per branch) plus the branch and per-file lookups repograph's writer uses. All
 * idempotent.
 */
export const GRAPH_SCHEMA_STATEMENTS: readonly string[] = [
  'CREATE CONSTRAINT kg_node_unique IF NOT EXISTS FOR (n:KGNode) REQUIRE (n.repo_id, n.branch, n.node_id) IS UNIQUE',
  'CREATE INDEX kg_node_repo_id IF NOT EXISTS FOR (n:KGNode) ON (n.repo_id)',
  'CREATE INDEX kg_node_branch IF NOT EXISTS FOR (n:KGNode) ON (n.repo_id, n.branch)',
  'CREATE INDEX kg_node_file IF NOT EXISTS FOR (n:KGNode) ON (n.repo_id, n.branch, n.relative_path)',
  'CREATE INDEX kg_node_last_indexed_at IF NOT EXISTS FOR (n:KGNode) ON (n.last_indexed_at)',
  'CREATE INDEX symbol_node_lookup IF NOT EXISTS FOR (n:SymbolNode) ON (n.repo_id, n.relative_path, n.name)',
  'CREATE INDEX symbol_node_qualified_name IF NOT EXISTS FOR (n:SymbolNode) ON (n.repo_id, n.qualified_name)',
  'CREATE INDEX symbol_node_fingerprint IF NOT EXISTS FOR (n:SymbolNode) ON (n.repo_id, n.fingerprint)',
  'CREATE INDEX file_node_path IF NOT EXISTS FOR (n:FileNode) ON (n.repo_id, n.relative_path)',
  'CREATE INDEX text_node_path IF NOT EXISTS FOR (n:TextNode) ON (n.repo_id, n.relative_path)',
  'CREATE INDEX symbol_node_kind IF NOT EXISTS FOR (n:SymbolNode) ON (n.repo_id, n.kind)',
];

const SCHEMA_NAMES = GRAPH_SCHEMA_STATEMENTS.map(
  (statement) => /^CREATE (?:CONSTRAINT|INDEX) (\w+) /.exec(statement)?.[1],
);

// Every process that writes the graph starts here, so the common case is a read: a schema statement, even one
// that changes nothing, waits for the schema lock behind every open write transaction.
async function isSchemaOnline(session: Session): Promise<boolean> {
  const result = await session.run('SHOW INDEXES YIELD name, state, owningConstraint');
  const online = new Set(
    result.records
      .filter((r) => r.get('state') === 'ONLINE')
      // A constraint's index may carry a name of its own; the constraint's name is the one we create.
      .flatMap((r) => [r.get('name') as string, r.get('owningConstraint') as string | null]),
  );
  return SCHEMA_NAMES.every((name) => name != null && online.has(name));
}

/** The repository ids with a graph written before graphs had branches, and the branch each such graph belongs to. */
export type LegacyBranches = () => Promise<ReadonlyMap<string, string>>;

// The first release keyed nodes by (repo_id, node_id) and had no branch; its constraint says so.
async function isVersion1(session: Session): Promise<boolean> {
  const result = await session.run(
    "SHOW CONSTRAINTS YIELD name, properties WHERE name = 'kg_node_unique' RETURN properties",
  );
  const properties = result.records[0]?.get('properties') as string[] | undefined;
  return properties != null && !properties.includes('branch');
}

// A graph of the first release gets the branch key: every element is tagged with its repository's default
// branch (so the next run of that branch finds it and replaces it), then the old constraint goes.
async function migrateFromVersion1(session: Session, legacyBranches: LegacyBranches): Promise<void> {
  for (const [repoId, branch] of await legacyBranches()) {
    for (;;) {
      const result = await session.executeWrite((tx) =>
        tx.run(
          `MATCH (n:KGNode {repo_id: $repoId}) WHERE n.branch IS NULL
           WITH n LIMIT 10000
           SET n.branch = $branch
           WITH n OPTIONAL MATCH (n)-[r]->() SET r.branch = $branch
           RETURN count(DISTINCT n) AS tagged`,
          { repoId, branch },
        ),
      );
      if (Number(result.records[0]?.get('tagged') ?? 0) === 0) break;
    }
  }
  await session.executeWrite((tx) => tx.run('DROP CONSTRAINT kg_node_unique IF EXISTS'));
}

/**
 * Creates the graph constraint and indexes if missing (migrating a graph of the first release first) and waits
 * for them to come online; when all of them are online already it only reads. Every process that writes the
 * graph calls it at start, the worker included; concurrent calls are harmless.
 */
export async function ensureGraphSchema(
  driver: Driver,
  database: string,
  legacyBranches: LegacyBranches = async () => new Map(),
): Promise<void> {
  await withGraphSession(driver, database, async (session) => {
    if (await isVersion1(session)) await migrateFromVersion1(session, legacyBranches);
    else if (await isSchemaOnline(session)) return;
    for (const statement of GRAPH_SCHEMA_STATEMENTS) {
      await session.executeWrite((tx) => tx.run(statement));
    }
    await session.run('CALL db.awaitIndexes(300)');
  });
}
