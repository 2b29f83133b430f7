import type { ApplicationFailure } from '@temporalio/common';
import type { Kysely } from 'kysely';
import type { Config } from '../config/read-config.js';
import type { Database } from '../db/database.js';
import type { MirrorCache } from '../git/mirror-cache.js';
import type { StoredFragment } from '../graph/diff-fragments.js';
import type { GraphChangeWriter, GraphChangeWriterOptions } from '../graph/write-graph-changes.js';
import type { RepoSourceFactory } from '../git/repo-source.js';
import type { ParseSummary } from '../parsers/parse-summary.js';
import type { RecordLine } from '../parsers/record-line.js';
import type { WalkEntry } from '../parsers/walk-tree.js';

/** Which graph an operation is about: one branch of one repository. */
export interface GraphUnit {
  repoId: string;
  branch: string;
}

/**
 * The Neo4j operations the activities call, bound to the worker's driver and database by the worker (src/graph
 * implements them).
 */
export interface GraphOps {
  /**
   * Fails at once when Neo4j cannot be reached, where the driver's managed transactions would retry a refused
   * connection for up to a minute per attempt; a step calls it first so an outage spends its retries quickly.
   */
  checkReachable(): Promise<void>;
  /** Whether the branch has any graph. */
  hasBranchGraph(unit: GraphUnit): Promise<boolean>;
  /** Stored node ids and relationship keys with their content hashes, by owner (or of the whole branch). */
  readStored(unit: GraphUnit, owners: readonly string[] | 'all'): Promise<Map<string, StoredFragment>>;
  /** A writer of one run's changes to the branch's graph. */
  createWriter(options: Omit<GraphChangeWriterOptions, 'database'>): GraphChangeWriter;
  cleanupStaleNodes(input: { repoId: string; ttlDays: number; liveBranches: readonly string[] }): Promise<number>;
  /** Deletes one branch's graph, or every branch's (`branch` null); returns the nodes deleted. */
  deleteGraph(input: { repoId: string; branch: string | null }): Promise<number>;
  /** The Neo4j integration's classifier. */
  classifyError(error: unknown): ApplicationFailure;
}

/**
 * Parses the given walk entries (files of a checkout) into `outputPath` (NDJSON of ParseRecord) on the worker's
 * thread pool, calling `onRecord` with each record (its line and facts), and returns the counts of what it wrote.
 */
export type ParseRepositoryFn = (input: {
  entries: Iterable<WalkEntry>;
  outputPath: string;
  config: Config['parser'];
  onProgress: (filesDone: number) => void;
  onRecord: (record: RecordLine) => void | Promise<void>;
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
  /** This host's cache of bare mirrors, which the clone step fetches into and checks out from. */
  mirrors: MirrorCache;
}
