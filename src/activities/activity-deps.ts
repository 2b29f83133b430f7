import type { ApplicationFailure } from '@temporalio/common';
import type { Kysely } from 'kysely';
import type { Config } from '../config/read-config.js';
import type { Database } from '../db/database.js';
import type { RepoSourceFactory } from '../git/repo-source.js';

/** Counts the graph builder reports for one run. */
export interface GraphBuildSummary {
  nodes: number;
  relationships: number;
  importsEdges: number;
  callsEdges: number;
}

/**
 * The graph operations the activities call, bound to the worker's Neo4j driver by the worker (src/graph
 * implements them). Writes are idempotent: MERGE on stable ids, stamped with `runId`; the sweep removes what a
 * run did not stamp.
 */
export interface GraphOps {
  buildGraph(input: {
    parsedPath: string;
    repoRoot: string;
    outDir: string;
    repoId: string;
    githubRepoId: number | null;
    commitSha: string;
  }): Promise<GraphBuildSummary>;
  writeGraph(input: {
    graphDir: string;
    repoId: string;
    runId: string;
    onProgress: (done: number) => void;
  }): Promise<void>;
  sweepRepoGraph(input: { repoId: string; runId: string }): Promise<number>;
  cleanupStaleNodes(input: { repoId: string; ttlDays: number }): Promise<number>;
  /** The Neo4j integration's classifier (graph engineer's `classifyNeo4jError`). */
  classifyError(error: unknown): ApplicationFailure;
}

/** Parses a checkout into `outputPath` (NDJSON of ParseRecord); the parser engineer's `parseRepository`. */
export type ParseRepositoryFn = (input: {
  root: string;
  outputPath: string;
  config: Config['parser'];
  onProgress: (filesDone: number) => void;
  signal: AbortSignal;
}) => Promise<unknown>;

/** Worker-scoped dependencies of every activity; built once by the worker, closed at shutdown. */
export interface ActivityDeps {
  config: Config;
  db: Kysely<Database>;
  graph: GraphOps;
  parseRepository: ParseRepositoryFn;
  /** The task queue only this worker host polls (steps that read the clone run there, C25). */
  workerTaskQueue: string;
  /** Builds the source a repository is fetched from; default: public URLs and local paths. */
  repoSource: RepoSourceFactory;
}
