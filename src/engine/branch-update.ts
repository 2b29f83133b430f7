import type { RepositoryBranchRow } from '../db/tables/repository-branches.table.js';
import type { StoredFragment } from '../graph/diff-fragments.js';
import type { RowContext } from '../graph/file-node-rows.js';
import type { Fragment } from '../graph/fragment.js';
import type { ParseRecord } from '../parsers/parse-record.js';
import type { ParsedFile } from '../parsers/parsed-file.js';
import type { RepoLayout } from '../resolution/repo-layout.js';
import type { RepoIndex } from '../resolution/repo-index.js';
import type { IndexingMode } from '../shared/repo-indexing.js';
import type { Commit } from './commit-files.js';
import type { FileState, FileStateRow } from './file-state-rows.js';

/** What an engine run reads of the branch's `repository_branches` row. */
export type BranchRecord = Pick<
  RepositoryBranchRow,
  'indexed_commit_sha' | 'graph_version' | 'layout_hash' | 'write_state' | 'writing_commit_sha'
>;

/** A branch as the last run left it. */
export interface BranchState {
  /** Null: the branch was never indexed. */
  branch: BranchRecord | null;
  /** Its `indexed_files` rows, by path. */
  files: ReadonlyMap<string, FileState>;
  /** Its directories. */
  dirs: ReadonlySet<string>;
  /** Whether its graph holds anything. */
  hasGraph: boolean;
}

/** Where an engine run reads what it does not hold: parse records, the stored graph, the reverse index, manifests. */
export interface BranchUpdatePorts {
  records: {
    /** The records of `paths` (files of the commit with a fragment), by path, with their paths as in the commit. */
    read(paths: readonly string[]): Promise<Map<string, ParsedFile>>;
    /** Every directory and every file record with a fragment, in walk order, as a source that can be read twice. */
    inWalkOrder(): Promise<() => AsyncIterable<ParseRecord>>;
  };
  /** What the branch's graph holds of `owners` (or of every owner), by owner. */
  stored(owners: readonly string[] | 'all'): Promise<Map<string, StoredFragment>>;
  /** Files of the branch whose stored dependency keys (`hashDependencyKey`) include any of `keys`. */
  dependents(keys: readonly number[]): Promise<string[]>;
  /** The commit's layout, from its manifests; `index` knows every file and directory of the commit. */
  layout(index: RepoIndex): RepoLayout;
}

/** One owner's fragment at the commit (null: the owner is gone) and what the branch's graph holds of it. */
export interface OwnerUpdate {
  owner: string;
  next: Fragment | null;
  /** Undefined when nothing of the owner is stored (or the run reads nothing stored). */
  stored: StoredFragment | undefined;
}

/** Where an engine run hands what it computed, as it computes it. */
export interface BranchUpdateSink {
  /** Called once per owner the run recomputed or found gone. */
  fragment(update: OwnerUpdate): Promise<void>;
  /** Called with every `indexed_files` row that is new or changed. */
  row(row: FileStateRow): Promise<void>;
}

/** Options of {@link updateBranch}. */
export interface BranchUpdateOptions {
  /** The run-wide values of every node; `commitSha` is the commit the branch moves to. */
  ctx: RowContext & { commitSha: string };
  /** The root directory node's name (`rootNameOf`). */
  rootName: string;
  commit: Commit;
  previous: BranchState;
  /** Recompute every fragment even when the branch could be updated from what changed. */
  full: boolean;
  /** The graph code's version (`codeVersion('graph')`): a graph another version wrote is recomputed in full. */
  graphVersion: string;
  /**
   * Owners (files or directories) to recompute besides those the commit affects, gone ones included: a graph diff
   * of two commits asks each side for the other side's owners.
   */
  recompute?: readonly string[];
  ports: BranchUpdatePorts;
  sink: BranchUpdateSink;
}

/** What an engine run did, besides what it handed to the sink. */
export interface BranchUpdate {
  mode: IndexingMode;
  /** Why a run that could have been incremental was full (`no_previous_graph`, `interrupted_write`, …). */
  fullReason: string | null;
  /** Hash of the layout resolution used; another hash next time re-resolves every file. */
  layoutHash: string;
  /** Rows handed to `sink.row`. */
  rows: number;
  /** Paths whose rows go (files the commit no longer has). */
  deletes: string[];
  /** Full mode: every row of the branch went to `sink.row`; any other row goes. */
  replaceAll: boolean;
  addedDirs: string[];
  removedDirs: string[];
  filesResolved: number;
  filesRemoved: number;
  /** Totals of the branch's graph at the commit. */
  nodes: number;
  relationships: number;
  importsEdges: number;
  callsEdges: number;
}
