import type { ApplicationFailure } from '@temporalio/common';
import type { Kysely } from 'kysely';
import type { Config } from '../config/read-config.js';
import type { Database } from '../db/database.js';
import type { RepoSourceFactory } from '../git/repo-source.js';
import type { ParseSummary } from '../parsers/parse-summary.js';

/** Counts the graph builder reports for one run. */
export interface GraphBuildSummary {
  nodes: number;
  relationships: number;
  importsEdges: number;
  callsEdges: number;
}

/** Which graph an operation is about: one branch of one repository. */
export interface GraphUnit {
  repoId: string;
  branch: string;
}

/**
 * The graph operations the activities call, bound to the worker's Neo4j driver by the worker (src/graph
 * implements them). Writes are idempotent: MERGE on stable ids, stamped with `runId`; the sweep removes what a
 * run did not stamp.
 */
export interface GraphOps {
  buildGraph(
    input: GraphUnit & {
      parsedPath: string;
      repoRoot: string;
      outDir: string;
      githubRepoId: number | null;
      commitSha: string;
    },
  ): Promise<GraphBuildSummary>;
  writeGraph(input: {
    graphDir: string;
    repoId: string;
    runId: string;
    onProgress: (done: number) => void;
  }): Promise<void>;
  sweepRepoGraph(input: GraphUnit & { runId: string }): Promise<number>;
  cleanupStaleNodes(input: { repoId: string; ttlDays: number; liveBranches: readonly string[] }): Promise<number>;
  /** Deletes one branch's graph, or every branch's (`branch` null); returns the nodes deleted. */
  deleteGraph(input: { repoId: string; branch: string | null }): Promise<number>;
  /** The Neo4j integration's classifier. */
  classifyError(error: unknown): ApplicationFailure;
}

/** Parses a checkout into `outputPath` (NDJSON of ParseRecord) and returns the counts of what it wrote. */
export type ParseRepositoryFn = (input: {
  root: string;
  outputPath: string;
  config: Config['parser'];
  onProgress: (filesDone: number) => void;
  signal: AbortSignal;
}) => Promise<ParseSummary>;

/** Worker-scoped dependencies of every activity; built once by the worker, closed at shutdown. */
export interface ActivityDeps {
  config: Config;
  db: Kysely<Database>;
  graph: GraphOps;
  parseRepository: ParseRepositoryFn;
  /** The task queue only this worker host polls (the steps that read the work dir run there). */
  workerTaskQueue: string;
  /** Builds the source a repository is fetched from; default: public URLs and local paths. */
  repoSource: RepoSourceFactory;
}
