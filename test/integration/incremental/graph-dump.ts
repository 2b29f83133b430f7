import type { Kysely } from 'kysely';
import type { Driver } from 'neo4j-driver';
import type { Database } from '../../../src/db/database.js';

/** Properties the writer stamps per run or per commit, not part of what a graph says. */
export const RUN_STAMPS = ['index_run_id', 'last_indexed_at'] as const;
/** Properties that name the commit an element was last written at (a rebuild stamps every element afresh). */
export const COMMIT_STAMPS = ['commit_sha', 'symbol_version_id'] as const;

/** A branch's graph, one sorted line per node and relationship, properties included. */
export interface GraphDump {
  nodes: string[];
  rels: string[];
  /** node id → commit_sha, to check the incremental stamps on their own. */
  commits: Map<string, string>;
}

function canonical(value: unknown): unknown {
  if (value == null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(canonical);
  if ('toNumber' in value && typeof value.toNumber === 'function') return (value as { toNumber(): number }).toNumber();
  if ('toString' in value && value.constructor?.name !== 'Object') return String(value);
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
  );
}

function propsLine(props: Record<string, unknown>, omit: ReadonlySet<string>): string {
  const kept = Object.fromEntries(Object.entries(props).filter(([k]) => !omit.has(k)));
  return JSON.stringify(canonical(kept));
}

/** Reads every node and relationship of a branch, without the run stamps, the branch and the commit stamps. */
export async function dumpBranchGraph(driver: Driver, database: string, repoId: string, branch: string): Promise<GraphDump> {
  const omit = new Set<string>([...RUN_STAMPS, ...COMMIT_STAMPS, 'branch']);
  const session = driver.session({ database, defaultAccessMode: 'READ' });
  try {
    const nodes = await session.run(
      `MATCH (n:KGNode {repo_id: $repoId, branch: $branch})
       RETURN n.node_id AS id, labels(n) AS labels, properties(n) AS props`,
      { repoId, branch },
    );
    const rels = await session.run(
      `MATCH (a:KGNode {repo_id: $repoId, branch: $branch})-[r]->(b:KGNode)
       RETURN a.node_id AS s, type(r) AS type, b.node_id AS t, b.branch = $branch AS sameBranch, properties(r) AS props`,
      { repoId, branch },
    );
    const commits = new Map<string, string>();
    const nodeLines = nodes.records.map((r) => {
      const props = r.get('props') as Record<string, unknown>;
      commits.set(r.get('id') as string, String(props.commit_sha));
      return `${r.get('id')} ${(r.get('labels') as string[]).sort().join(':')} ${propsLine(props, omit)}`;
    });
    const relLines = rels.records.map(
      (r) =>
        // A relationship into another branch's graph would be a bug of its own; it shows up as a difference.
        `${r.get('s')} -${r.get('type')}-> ${r.get('t')}${r.get('sameBranch') === true ? '' : ' (other branch)'} ${propsLine(r.get('props') as Record<string, unknown>, omit)}`,
    );
    return { nodes: nodeLines.sort(), rels: relLines.sort(), commits };
  } finally {
    await session.close();
  }
}

/** A branch's `indexed_files` rows (what a run decides about each file) and directories, sorted. */
export async function dumpBranchFiles(db: Kysely<Database>, repoId: string, branch: string): Promise<string[]> {
  const rows = await db
    .selectFrom('indexed_files')
    .select([
      'file_path',
      'language',
      'content_hash',
      'size_bytes',
      'symbol_count',
      'parse_status',
      'error',
      'blob_oid',
      'cache_key',
      'summary_hash',
      'deps',
      'node_count',
      'relationship_count',
      'imports_edges',
      'calls_edges',
    ])
    .where('repository_id', '=', repoId)
    .where('branch', '=', branch)
    .execute();
  const dirs = await db
    .selectFrom('indexed_dirs')
    .select('dir_path')
    .where('repository_id', '=', repoId)
    .where('branch', '=', branch)
    .execute();
  return [
    ...rows.map((r) => JSON.stringify({ ...r, deps: [...(r.deps ?? [])].sort((a, b) => a - b) })),
    ...dirs.map((d) => `dir ${d.dir_path}`),
  ].sort();
}

/** The lines only in `a` and only in `b`, at most `limit` of each. */
export function diffLines(a: readonly string[], b: readonly string[], limit = 15): { onlyA: string[]; onlyB: string[] } {
  const setA = new Set(a);
  const setB = new Set(b);
  return {
    onlyA: a.filter((l) => !setB.has(l)).slice(0, limit),
    onlyB: b.filter((l) => !setA.has(l)).slice(0, limit),
  };
}
