import type { Driver, Record as Neo4jRecord } from 'neo4j-driver';
import type { StoredFragment } from './diff-fragments.js';
import { relHash, relKey } from './fragment.js';
import { REL_CONTENT_PROPERTIES, type PropertyValue, type RelType } from './graph-model.js';
import { withGraphSession } from './with-graph-session.js';

/** Owners per read: one UNWIND over the (repo_id, branch, relative_path) index. */
const OWNERS_PER_READ = 500;

// A relationship is read as its type, its end and its content; one that still carries the per-element stamps of
// an older writer (`element_hash`, `index_run_id`) reads as changed, so it is rewritten without them.
const REL = `CASE WHEN r IS NULL THEN null ELSE [type(r), m.node_id, r.element_hash IS NULL AND r.index_run_id IS NULL, ${REL_CONTENT_PROPERTIES.map((p) => `r.${p}`).join(', ')}] END`;

const BY_OWNER = `UNWIND $owners AS owner
MATCH (n:KGNode {repo_id: $repoId, branch: $branch, relative_path: owner})
OPTIONAL MATCH (n)-[r]->(m:KGNode)
RETURN owner, n.node_id AS id, n.element_hash AS hash, collect(${REL}) AS rels`;

const WHOLE_BRANCH = `MATCH (n:KGNode {repo_id: $repoId, branch: $branch})
OPTIONAL MATCH (n)-[r]->(m:KGNode)
RETURN n.relative_path AS owner, n.node_id AS id, n.element_hash AS hash, collect(${REL}) AS rels`;

type StoredRel = [RelType, string, boolean, ...PropertyValue[]];

function storedRelHash([type, target, current, ...values]: StoredRel, source: string): string | null {
  if (!current) return null;
  const props: Record<string, PropertyValue> = {};
  REL_CONTENT_PROPERTIES.forEach((name, i) => {
    if (values[i] != null) props[name] = values[i];
  });
  return relHash({ type, row: { source, target, props } });
}

function add(into: Map<string, StoredFragment>, record: Neo4jRecord): void {
  const owner = String(record.get('owner') ?? '');
  let fragment = into.get(owner);
  if (fragment == null) {
    fragment = { nodes: new Map(), rels: new Map() };
    into.set(owner, fragment);
  }
  const id = String(record.get('id'));
  fragment.nodes.set(id, (record.get('hash') as string | null) ?? null);
  for (const rel of record.get('rels') as (StoredRel | null)[]) {
    if (rel != null) fragment.rels.set(relKey(rel[0], id, rel[1]), storedRelHash(rel, id));
  }
}

/**
 * What Neo4j holds of the given owners' fragments in one branch (or of every owner, `owners` = 'all'): node ids and
 * relationship keys with their content hashes, grouped by owner (`relative_path`). Nodes carry their hash; a
 * relationship's is computed from its content. Elements written before content hashes existed read as hash null,
 * so they are always rewritten.
 */
export async function readStoredFragments(
  driver: Driver,
  input: { database: string; repoId: string; branch: string; owners: readonly string[] | 'all' },
): Promise<Map<string, StoredFragment>> {
  const found = new Map<string, StoredFragment>();
  const params = { repoId: input.repoId, branch: input.branch };
  await withGraphSession(driver, input.database, async (session) => {
    if (input.owners === 'all') {
      const result = await session.executeRead((tx) => tx.run(WHOLE_BRANCH, params));
      for (const record of result.records) add(found, record);
      return;
    }
    for (let i = 0; i < input.owners.length; i += OWNERS_PER_READ) {
      const owners = input.owners.slice(i, i + OWNERS_PER_READ);
      const result = await session.executeRead((tx) => tx.run(BY_OWNER, { ...params, owners }));
      for (const record of result.records) add(found, record);
    }
  });
  return found;
}

/** Whether the branch has any graph at all (one node suffices). */
export async function hasBranchGraph(driver: Driver, database: string, repoId: string, branch: string): Promise<boolean> {
  return withGraphSession(driver, database, async (session) => {
    const result = await session.executeRead((tx) =>
      tx.run('MATCH (n:KGNode {repo_id: $repoId, branch: $branch}) RETURN n.node_id LIMIT 1', { repoId, branch }),
    );
    return result.records.length > 0;
  });
}
