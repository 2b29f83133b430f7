import { sql, type Kysely } from 'kysely';

/**
 * What incremental runs keep between commits. `parse_cache`: one parse result per file content (git blob id),
 * language and parser version, shared by every worker and branch. On `indexed_files`, per file of a branch: its
 * blob and cache key, a hash of what other files' resolution reads from it, the dependency keys its own resolution
 * read (a GIN-indexed reverse index: which files must be resolved again when a key changes) and the counts of
 * its graph fragment. `indexed_dirs`: the directories of a branch's walk. On `repository_branches`: the versions
 * and layout the graph was built with, and whether a graph write is under way.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE parse_cache (
      cache_key VARCHAR(64) PRIMARY KEY,
      record TEXT NOT NULL,
      language VARCHAR(50) NULL,
      parse_status VARCHAR(20) NOT NULL,
      symbol_count INT NOT NULL,
      chunk_count INT NOT NULL,
      large BOOLEAN NOT NULL,
      size_bytes BIGINT NOT NULL,
      content_hash VARCHAR(64) NOT NULL,
      error TEXT NULL,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      used_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX idx_parse_cache_used ON parse_cache(used_at);

    ALTER TABLE indexed_files
      ADD COLUMN blob_oid VARCHAR(64) NULL,
      ADD COLUMN cache_key VARCHAR(64) NULL,
      ADD COLUMN summary_hash VARCHAR(64) NULL,
      ADD COLUMN deps INTEGER[] NULL,
      ADD COLUMN node_count INT NOT NULL DEFAULT 0,
      ADD COLUMN relationship_count INT NOT NULL DEFAULT 0,
      ADD COLUMN imports_edges INT NOT NULL DEFAULT 0,
      ADD COLUMN calls_edges INT NOT NULL DEFAULT 0;
    CREATE INDEX idx_indexed_files_deps ON indexed_files USING GIN (deps);

    CREATE TABLE indexed_dirs (
      repository_id UUID NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
      branch VARCHAR(255) NOT NULL,
      dir_path VARCHAR NOT NULL,
      PRIMARY KEY (repository_id, branch, dir_path)
    );

    ALTER TABLE repository_branches
      ADD COLUMN graph_version VARCHAR(64) NULL,
      ADD COLUMN layout_hash VARCHAR(64) NULL,
      ADD COLUMN write_state VARCHAR(20) NOT NULL DEFAULT 'clean' CHECK (write_state IN ('clean', 'writing')),
      ADD COLUMN writing_commit_sha VARCHAR NULL;
  `.execute(db);
  // lz4 compresses cached parse results several times faster than the default; servers built without it keep pglz.
  await sql`
    DO $$ BEGIN
      ALTER TABLE parse_cache ALTER COLUMN record SET COMPRESSION lz4;
    EXCEPTION WHEN OTHERS THEN NULL;
    END $$;
  `.execute(db);
}

/** Drops the incremental state. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE repository_branches DROP COLUMN graph_version, DROP COLUMN layout_hash, DROP COLUMN write_state,
      DROP COLUMN writing_commit_sha;
    DROP TABLE IF EXISTS indexed_dirs;
    DROP INDEX IF EXISTS idx_indexed_files_deps;
    ALTER TABLE indexed_files DROP COLUMN blob_oid, DROP COLUMN cache_key, DROP COLUMN summary_hash, DROP COLUMN deps,
      DROP COLUMN node_count, DROP COLUMN relationship_count, DROP COLUMN imports_edges, DROP COLUMN calls_edges;
    DROP TABLE IF EXISTS parse_cache;
  `.execute(db);
}
