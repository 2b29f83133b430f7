import { sql, type Kysely } from 'kysely';

/**
 * The original's indexing tables with its defects fixed: `repositories.github_repo_id` unique where
 * set, `installation_id` nullable so local paths and plain URLs get a row, snapshots indexed by
 * (repository_id, created_at), `indexed_files` with per-file parse results. `symbols` and `symbol_edges`
 * exist for parity and stay empty: the symbol graph lives in Neo4j.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE users (
      user_id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      email VARCHAR(255) NOT NULL UNIQUE,
      supabase_user_id UUID NOT NULL UNIQUE,
      created_at TIMESTAMP NOT NULL DEFAULT now(),
      updated_at TIMESTAMP NOT NULL DEFAULT now()
    );
    CREATE TABLE github_installations (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      installation_id BIGINT NOT NULL UNIQUE,
      github_account_id BIGINT NOT NULL,
      github_account_username VARCHAR(255) NOT NULL,
      github_account_type VARCHAR(255) NOT NULL,
      user_id UUID NULL REFERENCES users(user_id),
      created_at TIMESTAMP NOT NULL DEFAULT now(),
      updated_at TIMESTAMP NOT NULL DEFAULT now()
    );
    CREATE TABLE repositories (
      id UUID PRIMARY KEY,
      installation_id BIGINT NULL REFERENCES github_installations(installation_id),
      github_repo_id BIGINT NULL,
      github_repo_name VARCHAR(255) NOT NULL,
      full_name VARCHAR(255) NOT NULL,
      default_branch VARCHAR(255) NOT NULL,
      private BOOLEAN NOT NULL DEFAULT false,
      source_url TEXT NULL,
      last_synced_at TIMESTAMP NOT NULL DEFAULT now(),
      last_indexed_at TIMESTAMP NULL,
      created_at TIMESTAMP NOT NULL DEFAULT now(),
      updated_at TIMESTAMP NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX idx_repositories_github_repo_id ON repositories(github_repo_id) WHERE github_repo_id IS NOT NULL;
    CREATE TABLE repo_snapshots (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      repository_id UUID NULL REFERENCES repositories(id) ON DELETE CASCADE,
      commit_sha VARCHAR NULL,
      workflow_id VARCHAR(255) NULL,
      workflow_run_id VARCHAR(255) NULL,
      file_count INT NULL,
      symbol_count INT NULL,
      node_count INT NULL,
      relationship_count INT NULL,
      created_at TIMESTAMP NOT NULL DEFAULT now()
    );
    CREATE INDEX idx_repo_snapshots_repo_created ON repo_snapshots(repository_id, created_at DESC);
    CREATE UNIQUE INDEX idx_repo_snapshots_run ON repo_snapshots(repository_id, workflow_run_id);
    CREATE TABLE indexed_files (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      repository_id UUID NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
      snapshot_id UUID NOT NULL REFERENCES repo_snapshots(id) ON DELETE CASCADE,
      file_path VARCHAR NOT NULL,
      language VARCHAR NOT NULL,
      content_hash VARCHAR(64) NOT NULL,
      size_bytes BIGINT NOT NULL,
      symbol_count INT NOT NULL DEFAULT 0,
      parse_status VARCHAR(20) NOT NULL CHECK (parse_status IN ('parsed', 'partial', 'skipped', 'failed')),
      error TEXT NULL,
      indexed_at TIMESTAMP NOT NULL DEFAULT now(),
      UNIQUE (snapshot_id, file_path)
    );
    CREATE INDEX idx_indexed_files_repo ON indexed_files(repository_id);
    CREATE TABLE symbols (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      repository_id UUID NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
      snapshot_id UUID NOT NULL REFERENCES repo_snapshots(id) ON DELETE CASCADE,
      symbol_name VARCHAR NOT NULL,
      symbol_kind VARCHAR NOT NULL,
      file_path VARCHAR NOT NULL,
      span_start_line INT NOT NULL,
      span_end_line INT NOT NULL,
      created_at TIMESTAMP NOT NULL DEFAULT now(),
      updated_at TIMESTAMP NOT NULL DEFAULT now()
    );
    CREATE INDEX idx_symbols_repo ON symbols(repository_id);
    CREATE INDEX idx_symbols_snapshot ON symbols(snapshot_id);
    CREATE TABLE symbol_edges (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      snapshot_id UUID NOT NULL REFERENCES repo_snapshots(id) ON DELETE CASCADE,
      source_symbol_id UUID NOT NULL REFERENCES symbols(id) ON DELETE CASCADE,
      target_symbol_id UUID NOT NULL REFERENCES symbols(id) ON DELETE CASCADE,
      edge_type VARCHAR NOT NULL,
      created_at TIMESTAMP NOT NULL DEFAULT now(),
      updated_at TIMESTAMP NOT NULL DEFAULT now()
    );
    CREATE TABLE workflow_run_events (
      id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workflow_id VARCHAR(255) NOT NULL,
      workflow_run_id VARCHAR(255) NOT NULL,
      workflow_type VARCHAR(100) NOT NULL CHECK (workflow_type IN ('repo_indexing', 'pr_review')),
      user_id UUID NULL REFERENCES users(user_id),
      installation_id BIGINT NULL,
      repo_id UUID NULL REFERENCES repositories(id) ON DELETE CASCADE,
      sequence_number INT NOT NULL CHECK (sequence_number > 0),
      activity_name VARCHAR(100) NULL,
      event_type VARCHAR(50) NOT NULL CHECK (event_type IN ('workflow_started', 'started', 'progress', 'completed',
        'failed', 'workflow_completed', 'workflow_failed')),
      message TEXT NOT NULL,
      metadata JSONB NOT NULL DEFAULT '{}',
      created_at TIMESTAMP NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX idx_workflow_events_unique_sequence ON workflow_run_events(workflow_id, sequence_number);
    CREATE INDEX idx_workflow_events_user ON workflow_run_events(user_id, created_at DESC);
    CREATE INDEX idx_workflow_events_repo ON workflow_run_events(repo_id, created_at DESC) WHERE repo_id IS NOT NULL;
    CREATE INDEX idx_workflow_events_type ON workflow_run_events(workflow_type, created_at DESC);
  `.execute(db);
}

/** Drops every table `up` created, children first. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS workflow_run_events, symbol_edges, symbols, indexed_files, repo_snapshots, repositories,
      github_installations, users;
  `.execute(db);
}
