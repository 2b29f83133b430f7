import { sql, type Kysely } from 'kysely';

/**
 * The indexing unit becomes (repository, branch). Snapshots and run events get a `branch`; `indexed_files` holds
 * the current files of each branch (one row per file, rewritten when the file changes) instead of a full copy per
 * snapshot; `repository_branches` records, per branch, the commit its graph is at and the counts of that graph.
 * Existing data is carried forward under each repository's recorded default branch: the newest snapshot's files
 * become the branch's current files and older per-snapshot copies are dropped (the snapshots themselves stay).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE repo_snapshots ADD COLUMN branch VARCHAR(255) NULL;
    UPDATE repo_snapshots s SET branch = r.default_branch FROM repositories r WHERE r.id = s.repository_id;
    UPDATE repo_snapshots SET branch = '' WHERE branch IS NULL;
    ALTER TABLE repo_snapshots ALTER COLUMN branch SET NOT NULL;
    CREATE INDEX idx_repo_snapshots_branch_created ON repo_snapshots(repository_id, branch, created_at DESC);

    ALTER TABLE workflow_run_events ADD COLUMN branch VARCHAR(255) NULL;
    UPDATE workflow_run_events e SET branch = r.default_branch FROM repositories r WHERE r.id = e.repo_id;

    ALTER TABLE indexed_files ADD COLUMN branch VARCHAR(255) NULL;
    DELETE FROM indexed_files f
      WHERE f.snapshot_id <> (
        SELECT s.id FROM repo_snapshots s WHERE s.repository_id = f.repository_id ORDER BY s.created_at DESC LIMIT 1
      );
    UPDATE indexed_files f SET branch = s.branch FROM repo_snapshots s WHERE s.id = f.snapshot_id;
    ALTER TABLE indexed_files ALTER COLUMN branch SET NOT NULL;
    ALTER TABLE indexed_files DROP CONSTRAINT indexed_files_snapshot_id_file_path_key;
    CREATE UNIQUE INDEX idx_indexed_files_branch_path ON indexed_files(repository_id, branch, file_path);
    CREATE INDEX idx_indexed_files_snapshot ON indexed_files(snapshot_id);

    CREATE TABLE repository_branches (
      repository_id UUID NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
      branch VARCHAR(255) NOT NULL,
      indexed_commit_sha VARCHAR NULL,
      last_indexed_at TIMESTAMP NULL,
      node_count INT NOT NULL DEFAULT 0,
      relationship_count INT NOT NULL DEFAULT 0,
      created_at TIMESTAMP NOT NULL DEFAULT now(),
      updated_at TIMESTAMP NOT NULL DEFAULT now(),
      PRIMARY KEY (repository_id, branch)
    );
    INSERT INTO repository_branches (repository_id, branch, indexed_commit_sha, last_indexed_at, node_count,
        relationship_count)
      SELECT DISTINCT ON (s.repository_id, s.branch) s.repository_id, s.branch, s.commit_sha, s.created_at,
        COALESCE(s.node_count, 0), COALESCE(s.relationship_count, 0)
      FROM repo_snapshots s
      WHERE s.repository_id IS NOT NULL
      ORDER BY s.repository_id, s.branch, s.created_at DESC;
  `.execute(db);
}

/** Reverses the schema change; per-branch rows fold back into their repository (other branches' files are lost). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS repository_branches;
    DROP INDEX IF EXISTS idx_indexed_files_snapshot;
    DROP INDEX IF EXISTS idx_indexed_files_branch_path;
    DELETE FROM indexed_files f USING repositories r WHERE r.id = f.repository_id AND f.branch <> r.default_branch;
    ALTER TABLE indexed_files ADD CONSTRAINT indexed_files_snapshot_id_file_path_key UNIQUE (snapshot_id, file_path);
    ALTER TABLE indexed_files DROP COLUMN branch;
    ALTER TABLE workflow_run_events DROP COLUMN branch;
    DROP INDEX IF EXISTS idx_repo_snapshots_branch_created;
    ALTER TABLE repo_snapshots DROP COLUMN branch;
  `.execute(db);
}
