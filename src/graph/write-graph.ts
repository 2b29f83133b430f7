import { createReadStream, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Driver } from 'neo4j-driver';
import { GRAPH_META_FILE, type GraphMeta } from './graph-meta.js';
import {
  NODE_LABELS,
  REL_TYPES,
  nodeFileName,
  relFileName,
  type NodeRow,
  type RelRow,
  type RelType,
} from './graph-model.js';
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
  /**
   * Batches in flight at once (default 2) for nodes, which never share a node, and for the file-local relationship
   * types (HAS_SYMBOL, CONTAINS_SYMBOL, HAS_TEXT, NEXT_CHUNK), whose consecutive batches share at most the nodes of
   * the one file that straddles the boundary. Every other relationship type is written one batch at a time.
   */
  concurrency?: number;
  /** Called after every batch with the number of graph elements written so far. */
  onProgress?: (done: number) => void;
}

/** What {@link writeGraph} wrote. */
export interface WriteGraphResult {
  nodes: number;
  relationships: number;
  batches: number;
  /** Milliseconds spent per node label and relationship type (summed over concurrent batches). */
  millis: Record<string, number>;
}

// Row files come from our builder, but property names end up in Cypher text, so they are checked anyway.
function setClauses(variable: string, keys: readonly string[]): string {
  return keys
    .map((key) => {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`invalid graph property name ${JSON.stringify(key)}`);
      return `${variable}.${key} = row.props.${key}, `;
    })
    .join('');
}

// Nodes MERGE on the constrained key only and get their label by SET, so a label never duplicates a node. Properties
// are set one by one (a `+=` map makes the planner add an Eager that materialises the batch); setting null removes
// the property, so readers treat a missing property as null, as with the original.
function nodeStatement(label: string, keys: readonly string[]): string {
  return `WITH datetime($now) AS now
UNWIND $rows AS row
MERGE (n:KGNode {repo_id: $repoId, branch: $branch, node_id: row.node_id})
SET n:${label}, ${setClauses('n', keys)}n.index_run_id = $runId, n.last_indexed_at = now`;
}

// Relationships MERGE without properties in the key, so a retried batch updates instead of duplicating. Endpoints
// are found with forced index seeks: left alone, the planner sometimes picks an index scan per row.
function relStatement(type: string, keys: readonly string[]): string {
  return `WITH datetime($now) AS now
UNWIND $rows AS row
MATCH (a:KGNode {repo_id: $repoId, branch: $branch, node_id: row.source})
  USING INDEX SEEK a:KGNode(repo_id, branch, node_id)
MATCH (b:KGNode {repo_id: $repoId, branch: $branch, node_id: row.target})
  USING INDEX SEEK b:KGNode(repo_id, branch, node_id)
MERGE (a)-[r:${type}]->(b)
SET ${setClauses('r', keys)}r.repo_id = $repoId, r.branch = $branch, r.commit_sha = $commitSha,
    r.index_run_id = $runId, r.last_indexed_at = now`;
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

class BatchRunner {
  readonly result: WriteGraphResult = { nodes: 0, relationships: 0, batches: 0, millis: {} };

  constructor(
    private readonly driver: Driver,
    private readonly input: WriteGraphInput,
    private readonly params: Record<string, unknown>,
  ) {}

  async run(name: string, statement: string, rows: unknown[]): Promise<void> {
    const started = performance.now();
    await withGraphSession(this.driver, this.input.database, (session) =>
      session.executeWrite((tx) => tx.run(statement, { ...this.params, rows })),
    );
    this.result.millis[name] = (this.result.millis[name] ?? 0) + Math.round(performance.now() - started);
    this.result.batches++;
    this.input.onProgress?.(this.result.nodes + this.result.relationships);
  }

  async nodes(concurrency: number): Promise<void> {
    const pool = new Pool(concurrency);
    for (const label of NODE_LABELS) {
      for await (const rows of batches<NodeRow>(
        path.join(this.input.graphDir, nodeFileName(label)),
        this.input.batchSize,
      )) {
        this.result.nodes += rows.length;
        await pool.add(this.run(label, nodeStatement(label, Object.keys(rows[0]?.props ?? {})), rows));
      }
      await pool.drain();
    }
  }

  async relationships(concurrency: number): Promise<void> {
    for (const type of REL_TYPES) {
      const pool = new Pool(FILE_LOCAL_TYPES.has(type) ? concurrency : 1);
      for await (const rows of batches<RelRow>(
        path.join(this.input.graphDir, relFileName(type)),
        this.input.batchSize,
      )) {
        this.result.relationships += rows.length;
        await pool.add(this.run(type, relStatement(type, Object.keys(rows[0]?.props ?? {})), rows));
      }
      await pool.drain();
    }
  }
}

// Relationship types whose rows the builder emits grouped by file, so concurrent batches barely overlap; a deadlock
// between them is still possible in principle and is retried by executeWrite (DeadlockDetected is transient).
const FILE_LOCAL_TYPES: ReadonlySet<RelType> = new Set(['HAS_SYMBOL', 'CONTAINS_SYMBOL', 'HAS_TEXT', 'NEXT_CHUNK']);

class Pool {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly size: number) {}

  async add(job: Promise<void>): Promise<void> {
    const tracked: Promise<void> = job.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
    if (this.inFlight.size >= this.size) await Promise.race(this.inFlight);
  }

  async drain(): Promise<void> {
    await Promise.all(this.inFlight);
  }
}

/**
 * Upserts a built graph into Neo4j: all nodes first (label by label, a few batches in flight), then relationships
 * one type at a time (parallel writers of cross-file relationships deadlock; see `concurrency`), streaming each NDJSON file in UNWIND
 * batches, each in its own managed transaction (`executeWrite`: transient errors and dropped connections are
 * retried; every statement is idempotent). Every element is stamped with `index_run_id`, `commit_sha` and
 * `last_indexed_at` for the sweep; nothing is deleted here.
 */
export async function writeGraph(driver: Driver, input: WriteGraphInput): Promise<WriteGraphResult> {
  const meta = await readGraphMeta(input.graphDir, input.repoId);
  const params = {
    repoId: input.repoId,
    branch: meta.branch,
    runId: input.runId,
    commitSha: meta.commitSha,
    now: new Date().toISOString(),
  };
  const runner = new BatchRunner(driver, input, params);
  const concurrency = Math.max(1, input.concurrency ?? 2);
  await runner.nodes(concurrency);
  await runner.relationships(concurrency);
  return runner.result;
}
