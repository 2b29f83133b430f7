import path from 'node:path';
import type { Driver, ManagedTransaction } from 'neo4j-driver';
import { readJsonLines } from '../parsers/read-json-lines.js';
import { DELETE_NODES, deleteRels, relsByElementId, relsByKey, writeOwners } from './change-statements.js';
import type { NodeWrite, OwnerChanges, RelWrite } from './diff-fragments.js';
import { NODE_LABELS, NODE_PROPERTIES, REL_TYPES, type PropertyValue, type RelType } from './graph-model.js';
import { NdjsonSink } from './ndjson-sink.js';
import { NodeHandles } from './node-handles.js';
import { withGraphSession } from './with-graph-session.js';

/** Settings of a {@link GraphChangeWriter}. */
export interface GraphChangeWriterOptions {
  database: string;
  repoId: string;
  branch: string;
  /** The commit being indexed: written elements get it as `commit_sha`. */
  commitSha: string;
  /** Stamped on every written node as `index_run_id`. */
  runId: string;
  /** Element writes per transaction (`NEO4J_BATCH_SIZE`). */
  batchSize: number;
  /** Transactions in flight at once for owners' own elements (different owners never share a node). */
  concurrency: number;
  /**
   * The branch has no graph yet: each batch of owners is created by one statement that makes the relationships
   * among their nodes without looking anything up, and relationships between owners find their ends by element id.
   */
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

type Props = Record<string, PropertyValue>;

/** The spill file of relationships between owners, in `spillDir`. */
const LINKS_FILE = 'graph-links.ndjson';
/** A relationship row as the statements take it: `[start, end, properties]`. */
type RelRowParam = [string, string, Props];

/** One transaction's worth of work: any mix of node and relationship writes and deletions. */
interface Batch {
  nodes: NodeWrite[];
  deleteNodes: string[];
  rels: RelWrite[];
  deleteRels: { type: string; s: string; t: string }[];
}

/** A relationship between owners as it waits in the spill file: a write, or the key of one to delete. */
interface SpilledLink {
  d?: string;
  t?: RelType;
  s?: string;
  o?: string;
  p?: Props;
}

function emptyBatch(): Batch {
  return { nodes: [], deleteNodes: [], rels: [], deleteRels: [] };
}

function sizeOf(batch: Batch): number {
  return batch.nodes.length + batch.deleteNodes.length + batch.rels.length + batch.deleteRels.length;
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

/**
 * Writes the changes of a branch's graph to Neo4j in two phases. Phase 1, as changes arrive: each owner's nodes
 * and the relationships among them (a file with its symbols and chunks), a few owners per transaction and never
 * one owner across two, so a reader sees every file either as it was or as it is now. Phase 2, in `finish`:
 * the relationships between owners (directory contents, imports, calls, inheritance), once every node exists.
 * Every transaction is a managed one (`executeWrite`): transient errors and dropped connections are retried.
 */
export class GraphChangeWriter {
  readonly #result: GraphWriteResult = { written: 0, deleted: 0, transactions: 0, millis: { owners: 0, links: 0 } };
  readonly #inFlight = new Set<Promise<void>>();
  readonly #now = new Date().toISOString();
  readonly #handles = new NodeHandles();
  #batch = emptyBatch();
  #spill: NdjsonSink | null = null;
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
    const links: SpilledLink[] = [];
    for (const write of changes.upsertRels) {
      if (write.local) own.rels.push(write);
      else links.push({ t: write.rel.type, s: write.rel.row.source, o: write.rel.row.target, p: write.rel.row.props });
    }
    for (const key of changes.deleteRels) links.push({ d: key });
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

  /** Closes the spill file (after `finish`, or on failure). */
  async close(): Promise<void> {
    await this.#spill?.close().catch(() => undefined);
    this.#spill = null;
  }

  #throwIfFailed(): void {
    if (this.#failure != null) throw this.#failure;
  }

  async #spillLinks(links: SpilledLink[]): Promise<void> {
    this.#spill ??= await NdjsonSink.create(this.options.spillDir);
    for (const link of links) await this.#spill.write(LINKS_FILE, link);
  }

  async #flush(): Promise<void> {
    const batch = this.#batch;
    if (sizeOf(batch) === 0) return;
    this.#batch = emptyBatch();
    await this.#submit(() => this.#writeOwners(batch), batch, 'owners');
  }

  /** Starts a batch's transaction, waiting while `concurrency` of them are in flight. */
  async #submit(work: () => Promise<void>, batch: Batch, phase: 'owners' | 'links'): Promise<void> {
    const job: Promise<void> = this.#timed(work, batch, phase)
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
    let batch = emptyBatch();
    for await (const link of readJsonLines<SpilledLink>(path.join(this.options.spillDir, LINKS_FILE))) {
      if (link.d != null) {
        const [type = '', s = '', t = ''] = link.d.split('\n');
        batch.deleteRels.push({ type, s, t });
      } else {
        batch.rels.push({
          rel: { type: link.t!, row: { source: link.s!, target: link.o!, props: link.p ?? {} } },
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
    const work = () => this.#writeRels(batch);
    if (this.options.createOnly) await this.#submit(work, batch, 'links');
    else await this.#timed(work, batch, 'links');
  }

  async #timed(work: () => Promise<void>, batch: Batch, phase: 'owners' | 'links'): Promise<void> {
    const started = performance.now();
    await work();
    this.#result.transactions++;
    this.#result.written += batch.nodes.length + batch.rels.length;
    this.#result.millis[phase] += Math.round(performance.now() - started);
    this.options.onProgress?.(this.#result.written);
  }

  #params(): Record<string, string> {
    const { repoId, branch, commitSha, runId } = this.options;
    return { repoId, branch, commitSha, runId, now: this.#now };
  }

  /** A node's values in the order of NODE_PROPERTIES (the stamps, the same on every node of the run, excepted). */
  #nodeValues({ node, hash }: NodeWrite): PropertyValue[] {
    return NODE_PROPERTIES[node.label].map((name) =>
      name === 'node_id' ? node.row.node_id : name === 'element_hash' ? hash : (node.row.props[name] ?? null),
    );
  }

  /**
   * One transaction for a batch of owners: deletions first, then one statement writes the owners' nodes with the
   * relationships among them, and the few relationships whose ends were not both written now go by key.
   */
  async #writeOwners(batch: Batch): Promise<void> {
    const { createOnly } = this.options;
    const nodes: Record<string, PropertyValue[][]> = Object.fromEntries(NODE_LABELS.map((label) => [label, []]));
    const order: string[] = [];
    for (const label of NODE_LABELS) {
      for (const write of batch.nodes) {
        if (write.node.label !== label) continue;
        nodes[label]!.push(this.#nodeValues(write));
        order.push(write.node.row.node_id);
      }
    }
    const position = new Map(order.map((id, i) => [id, i]));
    const rels: Record<string, [number, number, Props][]> = Object.fromEntries(REL_TYPES.map((type) => [type, []]));
    const byKey: RelWrite[] = [];
    for (const write of batch.rels) {
      const { source, target, props } = write.rel.row;
      const start = position.get(source);
      const end = position.get(target);
      if (start != null && end != null) rels[write.rel.type]!.push([start, end, props]);
      else byKey.push(write);
    }
    const ids = await withGraphSession(this.driver, this.options.database, (session) =>
      session.executeWrite(async (tx) => {
        await this.#deleteInTx(tx, batch);
        const result = await tx.run(writeOwners(createOnly), { ...this.#params(), nodes, rels });
        for (const [type, writes] of groupBy(byKey, (w) => w.rel.type)) await this.#writeRelsOfType(tx, type, writes);
        return (result.records[0]?.get('ids') ?? []) as string[];
      }),
    );
    order.forEach((nodeId, i) => this.#handles.set(nodeId, ids[i]!));
  }

  /** Writes a batch of relationships between owners, deletions first. */
  async #writeRels(batch: Batch): Promise<void> {
    await withGraphSession(this.driver, this.options.database, (session) =>
      session.executeWrite(async (tx: ManagedTransaction) => {
        await this.#deleteInTx(tx, batch);
        for (const [type, writes] of groupBy(batch.rels, (w) => w.rel.type)) {
          await this.#writeRelsOfType(tx, type, writes);
        }
      }),
    );
  }

  async #deleteInTx(tx: ManagedTransaction, batch: Batch): Promise<void> {
    const params = this.#params();
    if (batch.deleteNodes.length > 0) await tx.run(DELETE_NODES, { ...params, ids: batch.deleteNodes });
    for (const [type, rows] of groupBy(batch.deleteRels, (r) => r.type)) {
      await tx.run(deleteRels(type), { ...params, rows });
    }
  }

  async #writeRelsOfType(tx: ManagedTransaction, type: RelType, writes: RelWrite[]): Promise<void> {
    const params = this.#params();
    const byKey: RelRowParam[] = [];
    const byElementId: RelRowParam[] = [];
    for (const { rel } of writes) {
      const { source, target, props } = rel.row;
      const start = this.#handles.get(source);
      const end = start == null ? undefined : this.#handles.get(target);
      if (start != null && end != null) byElementId.push([start, end, props]);
      else byKey.push([source, target, props]);
    }
    const { createOnly } = this.options;
    if (byElementId.length > 0) await tx.run(relsByElementId(type, createOnly), { ...params, rows: byElementId });
    if (byKey.length > 0) await tx.run(relsByKey(type, createOnly), { ...params, rows: byKey });
  }
}
