import net from 'node:net';
import type { Driver } from 'neo4j-driver';
import { readConfig } from '../../../src/config/read-config.js';
import type { FileSpec } from '../../unit/graph/graph-fixture.js';
import { call, imp } from '../../unit/graph/graph-fixture.js';

/** The Neo4j settings of the local stack. */
export const neo4jConfig = readConfig().neo4j;

/** A repo id no other test or engineer uses. */
export function uniqueRepoId(label: string): string {
  return `it-graph-${label}-${process.pid}-${Date.now().toString(36)}`;
}

/** A small Python repository: `count` modules, each with a class, methods and calls into the previous module. */
export function pythonRepo(count: number, without: string[] = []): Record<string, FileSpec> {
  const files: Record<string, FileSpec> = {
    'pkg/__init__.py': {},
    'README.md': {
      kind: 'text',
      chunks: [
        { relativePath: 'README.md', index: 0, text: 'hello', startLine: 0, endLine: 1 },
        { relativePath: 'README.md', index: 1, text: 'world', startLine: 1, endLine: 2 },
      ],
    },
  };
  for (let i = 0; i < count; i++) {
    const path = `pkg/m${i}.py`;
    if (without.includes(path)) continue;
    const prev = `m${Math.max(0, i - 1)}`;
    files[path] = {
      imports: i === 0 ? [] : [imp(`.${prev}`, 1, { names: [{ name: `C${Math.max(0, i - 1)}`, alias: null }] })],
      symbols: [
        ['class', `C${i}`, 3, 30],
        ['method', `C${i}.a`, 4, 10],
        ['method', `C${i}.b`, 12, 20],
        ['function', `f${i}`, 32, 40],
      ],
      calls: [call('b', 5, 'self'), call(`f${i}`, 13), ...(i === 0 ? [] : [call(`C${i - 1}`, 33, null, true)])],
    };
  }
  return files;
}

/** Every node and relationship of a repository without the run stamps, sorted, for equality checks. */
export async function snapshotRepo(driver: Driver, repoId: string): Promise<{ nodes: string[]; rels: string[] }> {
  const { records: nodeRecords } = await driver.executeQuery(
    `MATCH (n:KGNode {repo_id: $repoId})
     RETURN n.node_id AS id, labels(n) AS labels, properties(n) AS props`,
    { repoId },
    { database: neo4jConfig.database },
  );
  const { records: relRecords } = await driver.executeQuery(
    `MATCH (a:KGNode {repo_id: $repoId})-[r]->(b:KGNode)
     RETURN type(r) AS type, a.node_id AS source, b.node_id AS target, properties(r) AS props`,
    { repoId },
    { database: neo4jConfig.database },
  );
  const clean = (props: Record<string, unknown>): string => {
    const stable = Object.entries(props).filter(([key]) => key !== 'last_indexed_at' && key !== 'index_run_id');
    return JSON.stringify(stable.sort(([a], [b]) => a.localeCompare(b)));
  };
  const nodes = nodeRecords.map(
    (r) => `${r.get('id')} ${[...r.get('labels')].sort().join(':')} ${clean(r.get('props'))}`,
  );
  const rels = relRecords.map(
    (r) => `${r.get('type')} ${r.get('source')}->${r.get('target')} ${clean(r.get('props'))}`,
  );
  return { nodes: nodes.sort(), rels: rels.sort() };
}

/** A TCP proxy on 127.0.0.1 in front of Neo4j's Bolt port that can cut every connection once mid-stream. */
export class CuttingProxy {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  clientBytes = 0;
  cuts = 0;
  cutAt: number | null = null;

  constructor(private readonly target: { host: string; port: number }) {
    this.server = net.createServer((client) => this.accept(client));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as net.AddressInfo).port;
  }

  private accept(client: net.Socket): void {
    const upstream = net.connect(this.target.port, this.target.host);
    this.sockets.add(client).add(upstream);
    client.on('data', (chunk: Buffer) => {
      this.clientBytes += chunk.length;
      if (this.cutAt != null && this.clientBytes >= this.cutAt) {
        // The chunk that crosses the threshold is dropped: the server never sees the rest of that batch.
        this.cutAt = null;
        this.cuts++;
        for (const socket of this.sockets) socket.destroy();
        this.sockets.clear();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      a.on('close', () => b.destroy());
      a.on('error', () => b.destroy());
    }
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
