import type { Driver } from 'neo4j-driver';
import type { Neo4jConfig } from '../config/read-config.js';
import { buildGraph } from '../graph/build-graph.js';
import { classifyNeo4jError } from '../graph/classify-neo4j-error.js';
import { cleanupStaleNodes } from '../graph/cleanup-stale-nodes.js';
import { deleteRepoGraph } from '../graph/delete-repo-graph.js';
import { sweepRepoGraph } from '../graph/sweep-repo-graph.js';
import { writeGraph } from '../graph/write-graph.js';
import type { GraphOps } from './activity-deps.js';

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

/** Binds src/graph's operations to the worker's driver and Neo4j settings. */
export function createGraphOps(driver: Driver, config: Neo4jConfig): GraphOps {
  const database = config.database;
  return {
    async buildGraph(input) {
      const summary = await buildGraph(input);
      const rels = summary.relationships as Record<string, number>;
      return {
        nodes: sum(summary.nodes),
        relationships: sum(rels),
        importsEdges: rels.IMPORTS ?? 0,
        callsEdges: rels.CALLS ?? 0,
      };
    },
    async writeGraph(input) {
      await writeGraph(driver, { ...input, database, batchSize: config.batchSize });
    },
    async sweepRepoGraph(input) {
      const swept = await sweepRepoGraph(driver, { ...input, database });
      return swept.nodes + swept.relationships;
    },
    cleanupStaleNodes: (input) => cleanupStaleNodes(driver, { ...input, database }),
    deleteGraph: (input) => deleteRepoGraph(driver, { ...input, database }),
    classifyError: classifyNeo4jError,
  };
}
