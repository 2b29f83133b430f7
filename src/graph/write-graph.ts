import { createReadStream, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Driver } from 'neo4j-driver';
import { GRAPH_META_FILE, type GraphMeta } from './graph-meta.js';
import { NODE_LABELS, REL_TYPES, nodeFileName, relFileName, type NodeRow, type RelRow } from './graph-model.js';
import { withGraphSession } from './with-graph-session.js';

/** Input of {@link writeGraph}. */
export interface WriteGraphInput {
  /** A directory written by `buildGraph`. */
  graphDir: string;
  /** Must equal the repository the directory was built for. */
  repoId: string;
  /** This run's marker: every node and relationship written gets `index_run_id = runId`. */
  runId: string;
  database: string;
  /** Rows per UNWIND transaction (`config.neo4j.batchSize`). */
  batchSize: number;
  /** Called after every batch with the number of graph elements written so far. */
  onProgress?: (done: number) => void;
}

/** What {@link writeGraph} wrote. */
export interface WriteGraphResult {
  nodes: number;
  relationships: number;
  batches: number;
}

// Nodes MERGE on the constrained key only and get their label by SET, so a node is never duplicated because of its
// label; `+=` with null values removes the property (missing = null, parity C50).
function nodeStatement(label: string): string {
  return `UNWIND $rows AS row
MERGE (n:KGNode {repo_id: $repoId, node_id: row.node_id})
SET n:${label}, n += row.props, n.index_run_id = $runId, n.last_indexed_at = datetime($now)`;
}

// Relationships MERGE without properties in the key, so a retried batch updates instead of duplicating.
function relStatement(type: string): string {
  return `UNWIND $rows AS row
MATCH (a:KGNode {repo_id: $repoId, node_id: row.source})
MATCH (b:KGNode {repo_id: $repoId, node_id: row.target})
MERGE (a)-[r:${type}]->(b)
SET r += row.props, r.repo_id = $repoId, r.commit_sha = $commitSha, r.index_run_id = $runId,
    r.last_indexed_at = datetime($now)`;
}

async function* batches<T>(file: string, size: number): AsyncGenerator<T[]> {
  if (!existsSync(file)) return;
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let batch: T[] = [];
  for await (const line of lines) {
    if (line === '') continue;
    batch.push(JSON.parse(line) as T);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** Reads and checks the builder's metadata of `graphDir`. */
export async function readGraphMeta(graphDir: string, repoId: string): Promise<GraphMeta> {
  const meta = JSON.parse(await readFile(path.join(graphDir, GRAPH_META_FILE), 'utf8')) as GraphMeta;
  if (meta.repoId !== repoId) {
    throw new Error(
      `graph directory ${graphDir} was built for repository ${meta.repoId}, not ${repoId}. To fix this problem, rebuild it with buildGraph for ${repoId}`,
    );
  }
  return meta;
}

/**
 * Upserts a built graph into Neo4j: nodes label by label, then relationships one type at a time (parallel
 * relationship writers deadlock), streaming each NDJSON file in UNWIND batches, each batch in its own managed
 * transaction (`executeWrite`, retried on transient errors; every statement is idempotent). Every element is
 * stamped with `index_run_id`, `commit_sha` and `last_indexed_at` for the sweep; nothing is deleted here.
 */
export async function writeGraph(driver: Driver, input: WriteGraphInput): Promise<WriteGraphResult> {
  const meta = await readGraphMeta(input.graphDir, input.repoId);
  const params = { repoId: input.repoId, runId: input.runId, commitSha: meta.commitSha, now: new Date().toISOString() };
  const result: WriteGraphResult = { nodes: 0, relationships: 0, batches: 0 };
  await withGraphSession(driver, input.database, async (session) => {
    const run = async (statement: string, rows: unknown[]): Promise<void> => {
      await session.executeWrite((tx) => tx.run(statement, { ...params, rows }));
      result.batches++;
      input.onProgress?.(result.nodes + result.relationships);
    };
    for (const label of NODE_LABELS) {
      const statement = nodeStatement(label);
      for await (const rows of batches<NodeRow>(path.join(input.graphDir, nodeFileName(label)), input.batchSize)) {
        result.nodes += rows.length;
        await run(statement, rows);
      }
    }
    for (const type of REL_TYPES) {
      const statement = relStatement(type);
      for await (const rows of batches<RelRow>(path.join(input.graphDir, relFileName(type)), input.batchSize)) {
        result.relationships += rows.length;
        await run(statement, rows);
      }
    }
  });
  return result;
}
