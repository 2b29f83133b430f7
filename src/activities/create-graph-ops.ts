import type { Driver } from 'neo4j-driver';
import type { Neo4jConfig } from '../config/read-config.js';
import { classifyNeo4jError } from '../graph/classify-neo4j-error.js';
import { cleanupStaleNodes } from '../graph/cleanup-stale-nodes.js';
import { deleteRepoGraph } from '../graph/delete-repo-graph.js';
import { hasBranchGraph, readStoredFragments } from '../graph/read-stored-fragments.js';
import { GraphChangeWriter } from '../graph/write-graph-changes.js';
import type { GraphOps } from './activity-deps.js';

/** Binds src/graph's operations to the worker's driver and Neo4j settings. */
export function createGraphOps(driver: Driver, config: Neo4jConfig): GraphOps {
  const database = config.database;
  return {
    checkReachable: async () => {
      await driver.getServerInfo({ database });
    },
    hasBranchGraph: (unit) => hasBranchGraph(driver, database, unit.repoId, unit.branch),
    readStored: (unit, owners) => readStoredFragments(driver, { database, ...unit, owners }),
    createWriter: (options) => new GraphChangeWriter(driver, { ...options, database }),
    cleanupStaleNodes: (input) => cleanupStaleNodes(driver, { ...input, database }),
    deleteGraph: (input) => deleteRepoGraph(driver, { ...input, database }),
    classifyError: classifyNeo4jError,
  };
}
