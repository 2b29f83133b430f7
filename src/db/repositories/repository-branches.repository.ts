import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { RepositoryBranchRow } from '../tables/repository-branches.table.js';

/** The branches of a repository that have been indexed (a branch row, or at least one snapshot). */
export async function listIndexedBranches(db: Kysely<Database>, repoId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('repository_branches')
    .select('branch')
    .where('repository_id', '=', repoId)
    .union(db.selectFrom('repo_snapshots').select('branch').where('repository_id', '=', repoId))
    .execute();
  return [...new Set(rows.map((r) => r.branch))].sort();
}

/** A branch's row, or undefined when it has never been indexed. */
export async function findRepositoryBranch(
  db: Kysely<Database>,
  repoId: string,
  branch: string,
): Promise<RepositoryBranchRow | undefined> {
  return db
    .selectFrom('repository_branches')
    .selectAll()
    .where('repository_id', '=', repoId)
    .where('branch', '=', branch)
    .executeTakeFirst();
}

/** Every branch row of a repository, most recently indexed first. */
export async function listRepositoryBranches(db: Kysely<Database>, repoId: string): Promise<RepositoryBranchRow[]> {
  return db
    .selectFrom('repository_branches')
    .selectAll()
    .where('repository_id', '=', repoId)
    .orderBy('last_indexed_at', sql`desc nulls last`)
    .execute();
}

/** What a completed run records about its branch. */
export interface BranchIndexed {
  repoId: string;
  branch: string;
  commitSha: string;
  nodes: number;
  relationships: number;
  graphVersion: string | null;
  layoutHash: string | null;
}

/** Records that a run brought the branch's graph to `commitSha` (its write is over); `last_indexed_at` is now. */
export async function recordBranchIndexed(db: Kysely<Database>, done: BranchIndexed): Promise<void> {
  await db
    .insertInto('repository_branches')
    .values({
      repository_id: done.repoId,
      branch: done.branch,
      indexed_commit_sha: done.commitSha,
      last_indexed_at: sql<Date>`now()`,
      node_count: done.nodes,
      relationship_count: done.relationships,
      graph_version: done.graphVersion,
      layout_hash: done.layoutHash,
      write_state: 'clean',
      writing_commit_sha: null,
    })
    .onConflict((oc) =>
      oc.columns(['repository_id', 'branch']).doUpdateSet((eb) => ({
        indexed_commit_sha: eb.ref('excluded.indexed_commit_sha'),
        last_indexed_at: eb.ref('excluded.last_indexed_at'),
        node_count: eb.ref('excluded.node_count'),
        relationship_count: eb.ref('excluded.relationship_count'),
        graph_version: eb.ref('excluded.graph_version'),
        layout_hash: eb.ref('excluded.layout_hash'),
        write_state: eb.ref('excluded.write_state'),
        writing_commit_sha: eb.ref('excluded.writing_commit_sha'),
        updated_at: sql<Date>`now()`,
      })),
    )
    .execute();
}

/**
 * Records that a graph write of the branch towards `commitSha` begins. Until its metadata commits, the branch's
 * graph may hold part of that commit, so a run for any other commit must compare all of it (`write_state`).
 */
export async function markGraphWriting(
  db: Kysely<Database>,
  repoId: string,
  branch: string,
  commitSha: string,
): Promise<void> {
  await db
    .insertInto('repository_branches')
    .values({
      repository_id: repoId,
      branch,
      indexed_commit_sha: null,
      last_indexed_at: null,
      graph_version: null,
      layout_hash: null,
      write_state: 'writing',
      writing_commit_sha: commitSha,
    })
    .onConflict((oc) =>
      oc.columns(['repository_id', 'branch']).doUpdateSet({
        write_state: 'writing',
        writing_commit_sha: commitSha,
        updated_at: sql<Date>`now()`,
      }),
    )
    .execute();
}

/** Branches of a repository confirmed by a run at or after `since`: their graphs are current, never stale. */
export async function listLiveBranches(db: Kysely<Database>, repoId: string, since: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('repository_branches')
    .select('branch')
    .where('repository_id', '=', repoId)
    .where('last_indexed_at', '>=', since)
    .execute();
  return rows.map((r) => r.branch);
}
