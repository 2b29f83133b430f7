import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Driver, ManagedTransaction } from 'neo4j-driver';
import type { NodeWrite, OwnerChanges, RelWrite } from './diff-fragments.js';
import { NODE_LABELS, REL_TYPES, type NodeLabel, type RelType } from './graph-model.js';
import { withGraphSession } from './with-graph-session.js';

/** Settings of a {@link GraphChangeWriter}. */
export interface GraphChangeWriterOptions {
  database: string;
  repoId: string;
  branch: string;
  /** The commit being indexed: written elements get it as `commit_sha`. */
  commitSha: string;
  /** Stamped on every written element as `index_run_id`. */
  runId: string;
  /** Element writes per transaction (`NEO4J_BATCH_SIZE`). */
  batchSize: number;
  /** Transactions in flight at once for owners' own elements (different owners never share a node). */
  concurrency: number;
  /** The branch has no graph yet: elements are created, not merged (much faster), and nothing is deleted. */
  createOnly: boolean;
  /** Where relationships between owners wait until every owner's nodes are written (keeps memory flat). */
  spillDir: string;
  onProgress?(written: number): void;
}

/** What a writer wrote. */
export interface GraphWriteResult {
  written: number;
  deleted: number;
  transactions: number;
  /** Milliseconds spent in the owners' own writes and in the relationships between owners. */
  millis: { owners: number; links: number };
}

// `SET x = row.p` replaces every property, so one that a new version of an element no longer has is removed; the
// key, the branch and the writer's stamps are set again after it. `element_hash` is the content hash the next run
// compares against (`content_hash` is a FileNode's own property: the hash of the file's bytes).
const STAMPS = (v: string) =>
  `${v}.repo_id = $repoId, ${v}.branch = $branch, ${v}.element_hash = row.h, ${v}.index_run_id = $runId, ` +
  `${v}.last_indexed_at = now`;

// Labels and types end up in Cypher text; relationship types are read back from the spill file, so both are checked.
function checked<T extends string>(value: T, allowed: readonly string[]): T {
  if (!allowed.includes(value)) throw new Error(`not a graph label or relationship type: ${JSON.stringify(value)}`);
  return value;
}

function nodeStatement(label: NodeLabel, create: boolean): string {
  checked(label, NODE_LABELS);
  // A created node gets both labels at once; a merged one may predate its label (it is added idempotently).
  const head = create
    ? `CREATE (n:KGNode:${label} {repo_id: $repoId, branch: $branch, node_id: row.id}) SET n = row.p`
    : `MERGE (n:KGNode {repo_id: $repoId, branch: $branch, node_id: row.id}) SET n = row.p, n:${label}`;
  return `WITH datetime($now) AS now UNWIND $rows AS row ${head}, n.node_id = row.id, ${STAMPS('n')}`;
}

function relStatement(type: RelType, create: boolean): string {
  checked(type, REL_TYPES);
  return `WITH datetime($now) AS now UNWIND $rows AS row
MATCH (a:KGNode {repo_id: $repoId, branch: $branch, node_id: row.s}) USING INDEX SEEK a:KGNode(repo_id, branch, node_id)
MATCH (b:KGNode {repo_id: $repoId, branch: $branch, node_id: row.t}) USING INDEX SEEK b:KGNode(repo_id, branch, node_id)
${create ? 'CREATE' : 'MERGE'} (a)-[r:${type}]->(b)
SET r = row.p, r.commit_sha = $commitSha, ${STAMPS('r')}`;
}

const DELETE_NODES = `UNWIND $ids AS id
MATCH (n:KGNode {repo_id: $repoId, branch: $branch, node_id: id}) DETACH DELETE n`;

function deleteRelStatement(type: string): string {
  if (!/^[A-Z_]+$/.test(type)) throw new Error(`invalid relationship type ${JSON.stringify(type)}`);
  return `UNWIND $rows AS row
MATCH (a:KGNode {repo_id: $repoId, branch: $branch, node_id: row.s})-[r:${type}]->(b:KGNode {repo_id: $repoId, branch: $branch, node_id: row.t})
DELETE r`;
}

interface NodeRowParam {
  id: string;
  p: Record<string, unknown>;
  h: string;
}
interface RelRowParam {
  s: string;
  t: string;
  p: Record<string, unknown>;
  h: string;
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list == null) groups.set(k, [item]);
    else list.push(item);
  }
  return groups;
}

/** One transaction's worth of work: any mix of node and relationship writes and deletions. */
interface Batch {
  nodes: NodeWrite[];
  deleteNodes: string[];
  rels: RelWrite[];
  deleteRels: { type: string; s: string; t: string }[];
}

function emptyBatch(): Batch {
  return { nodes: [], deleteNodes: [], rels: [], deleteRels: [] };
}

function sizeOf(batch: Batch): number {
  return batch.nodes.length + batch.deleteNodes.length + batch.rels.length + batch.deleteRels.length;
}

/**
 * Writes the changes of a branch's graph to Neo4j in two phases. Phase 1, as changes arrive: each owner's nodes
 * and the relationships among them (a file with its symbols and chunks), a few owners per transaction and never
 * one owner across two, so a reader sees every file either as it was or as it is now. Phase 2, in `finish`:
 * the relationships between owners (directory contents, imports, calls, inheritance), once every node exists.
 * Every transaction is a managed one (`executeWrite`): transient errors and dropped connections are retried, and
 * every statement is idempotent.
 */
export class GraphChangeWriter {
  readonly #result: GraphWriteResult = { written: 0, deleted: 0, transactions: 0, millis: { owners: 0, links: 0 } };
  readonly #inFlight = new Set<Promise<void>>();
  readonly #now = new Date().toISOString();
  #batch = emptyBatch();
  #spill: FileHandle | null = null;
  #failure: unknown = null;

  constructor(
    private readonly driver: Driver,
    private readonly options: GraphChangeWriterOptions,
  ) {}

  /** Queues one owner's changes; the owners' own writes start as soon as a batch is full. */
  async add(changes: OwnerChanges): Promise<void> {
    this.#throwIfFailed();
    this.#result.deleted += changes.deletedElements;
    const own: Batch = { nodes: changes.upsertNodes, deleteNodes: changes.deleteNodes, rels: [], deleteRels: [] };
    const links: { write?: RelWrite; remove?: string }[] = [];
    // A new graph has no readers to keep consistent, and a relationship matched against nodes created in the same
    // transaction costs Neo4j far more than one matched against committed nodes: all of them wait for phase 2.
    for (const write of changes.upsertRels) {
      if (write.local && !this.options.createOnly) own.rels.push(write);
      else links.push({ write });
    }
    for (const key of changes.deleteRels) links.push({ remove: key });
    if (links.length > 0) await this.#spillLinks(links);
    if (sizeOf(own) === 0) return;
    if (sizeOf(this.#batch) > 0 && sizeOf(this.#batch) + sizeOf(own) > this.options.batchSize) await this.#flush();
    const target = this.#batch;
    target.nodes.push(...own.nodes);
    target.deleteNodes.push(...own.deleteNodes);
    target.rels.push(...own.rels);
    if (sizeOf(target) >= this.options.batchSize) await this.#flush();
  }

  /** Writes what is queued, then the relationships between owners; returns the counts. */
  async finish(): Promise<GraphWriteResult> {
    await this.#flush();
    await Promise.all(this.#inFlight);
    this.#throwIfFailed();
    await this.#writeLinks();
    return this.#result;
  }

  /** Drops the spill file (after `finish`, or on failure). */
  async close(): Promise<void> {
    await this.#spill?.close().catch(() => undefined);
    this.#spill = null;
  }

  #throwIfFailed(): void {
    if (this.#failure != null) throw this.#failure;
  }

  async #spillLinks(links: { write?: RelWrite; remove?: string }[]): Promise<void> {
    this.#spill ??= await open(path.join(this.options.spillDir, 'graph-links.ndjson'), 'w');
    const lines = links.map((link) => {
      if (link.remove != null) return JSON.stringify({ d: link.remove });
      const w = link.write!;
      return JSON.stringify({ t: w.rel.type, s: w.rel.row.source, o: w.rel.row.target, p: w.rel.row.props, h: w.hash });
    });
    await this.#spill.write(`${lines.join('\n')}\n`);
  }

  async #flush(): Promise<void> {
    const batch = this.#batch;
    if (sizeOf(batch) === 0) return;
    this.#batch = emptyBatch();
    await this.#submit(batch, 'owners');
  }

  /** Starts a batch's transaction, waiting while `concurrency` of them are in flight. */
  async #submit(batch: Batch, phase: 'owners' | 'links'): Promise<void> {
    const job: Promise<void> = this.#run(batch, phase)
      .catch((error: unknown) => {
        this.#failure ??= error;
      })
      .finally(() => this.#inFlight.delete(job));
    this.#inFlight.add(job);
    if (this.#inFlight.size >= Math.max(1, this.options.concurrency)) await Promise.race(this.#inFlight);
    this.#throwIfFailed();
  }

  async #writeLinks(): Promise<void> {
    if (this.#spill == null) return;
    await this.#spill.close();
    this.#spill = null;
    const lines = createInterface({
      input: createReadStream(path.join(this.options.spillDir, 'graph-links.ndjson'), 'utf8'),
      crlfDelay: Infinity,
    });
    let batch = emptyBatch();
    for await (const line of lines) {
      if (line === '') continue;
      const link = JSON.parse(line) as { d?: string; t?: RelType; s?: string; o?: string; p?: Record<string, never>; h?: string };
      if (link.d != null) {
        const [type = '', s = '', t = ''] = link.d.split('\n');
        batch.deleteRels.push({ type, s, t });
      } else {
        batch.rels.push({
          rel: { type: link.t!, row: { source: link.s!, target: link.o!, props: link.p ?? {} } },
          hash: link.h ?? '',
          local: false,
        });
      }
      if (sizeOf(batch) >= this.options.batchSize) {
        await this.#runLinks(batch);
        batch = emptyBatch();
      }
    }
    if (sizeOf(batch) > 0) await this.#runLinks(batch);
    await Promise.all(this.#inFlight);
    this.#throwIfFailed();
  }

  // A new graph's links are only creations, so batches can overlap (they share nodes and may wait on each other's
  // locks; a deadlock is a transient error the managed transaction retries). An update's links mix deletions and
  // writes whose order matters, so they go one batch after the other, in the order the owners produced them.
  async #runLinks(batch: Batch): Promise<void> {
    if (this.options.createOnly) await this.#submit(batch, 'links');
    else await this.#run(batch, 'links');
  }

  async #run(batch: Batch, phase: 'owners' | 'links'): Promise<void> {
    const started = performance.now();
    const { repoId, branch, commitSha, runId, createOnly } = this.options;
    const params = { repoId, branch, commitSha, runId, now: this.#now };
    await withGraphSession(this.driver, this.options.database, (session) =>
      session.executeWrite(async (tx: ManagedTransaction) => {
        if (batch.deleteNodes.length > 0) await tx.run(DELETE_NODES, { ...params, ids: batch.deleteNodes });
        for (const [type, rows] of groupBy(batch.deleteRels, (r) => r.type)) {
          await tx.run(deleteRelStatement(type), { ...params, rows });
        }
        for (const [label, writes] of groupBy(batch.nodes, (w) => w.node.label)) {
          const rows: NodeRowParam[] = writes.map((w) => ({ id: w.node.row.node_id, p: w.node.row.props, h: w.hash }));
          await tx.run(nodeStatement(label, createOnly), { ...params, rows });
        }
        for (const [type, writes] of groupBy(batch.rels, (w) => w.rel.type)) {
          const rows: RelRowParam[] = writes.map((w) => ({
            s: w.rel.row.source,
            t: w.rel.row.target,
            p: w.rel.row.props,
            h: w.hash,
          }));
          await tx.run(relStatement(type, createOnly), { ...params, rows });
        }
      }),
    );
    this.#result.transactions++;
    this.#result.written += batch.nodes.length + batch.rels.length;
    this.#result.millis[phase] += Math.round(performance.now() - started);
    this.options.onProgress?.(this.#result.written);
  }
}
