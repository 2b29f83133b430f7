import { changedKeysOf, planBranchUpdate } from '../graph/plan-branch-update.js';
import type { ParsedFile } from '../parsers/parsed-file.js';
import { hashDependencyKey } from '../resolution/dependency-keys.js';
import { exportedSummaryHash } from '../resolution/exported-summary.js';
import { indexedFileOf } from '../resolution/indexed-file.js';
import type { BranchUpdateOptions } from './branch-update.js';

/** Which owners a run recomputes, which are gone, and how the branch's rows and directories change. */
export interface BranchScope {
  /** Every file and directory of the commit (streamed), or the records of the files to recompute, sorted by path. */
  files: 'all' | Map<string, ParsedFile>;
  /** Directories of the commit to recompute (when `files` is not `'all'`). */
  dirs: string[];
  /** Owners that are no longer in the commit. */
  gone: string[];
  /** Paths whose rows go. */
  deletes: string[];
  addedDirs: string[];
  removedDirs: string[];
}

/** Why this run must recompute the whole graph rather than what the commit changed; null when it need not. */
export function fullReasonOf({ full, previous, graphVersion, ctx }: BranchUpdateOptions): string | null {
  const branch = previous.branch;
  if (full) return 'full_requested';
  if (branch == null || branch.indexed_commit_sha == null) return 'no_previous_graph';
  if (!previous.hasGraph) return 'graph_missing';
  if (branch.graph_version !== graphVersion) return 'graph_code_changed';
  if (branch.write_state === 'writing' && branch.writing_commit_sha !== ctx.commitSha) return 'interrupted_write';
  return null;
}

function goneFiles({ commit, previous }: BranchUpdateOptions): string[] {
  const present = new Set(commit.walk.filter((l) => l.type === 'file').map((l) => l.relativePath));
  return [...previous.files.keys()].filter((p) => !present.has(p));
}

/** Owners of `recompute` that the commit does not have. */
function goneOwners(options: BranchUpdateOptions): string[] {
  const dirs = new Set(options.commit.dirs);
  return [...(options.recompute ?? [])].filter((o) => !dirs.has(o) && !options.commit.summaries.has(o));
}

/** Everything: every fragment, every row. */
export function fullScope(options: BranchUpdateOptions): BranchScope {
  const { commit, previous } = options;
  const dirs = new Set(commit.dirs);
  const removedDirs = [...previous.dirs].filter((d) => !dirs.has(d));
  const current = new Set(commit.graphFiles.map((f) => f.line.relativePath));
  const goneFragments = [...previous.files.values()].filter((f) => f.node_count > 0 && !current.has(f.file_path));
  return {
    files: 'all',
    dirs: [],
    gone: [...goneFragments.map((f) => f.file_path), ...removedDirs, ...goneOwners(options)],
    deletes: goneFiles(options),
    addedDirs: commit.dirs,
    removedDirs,
  };
}

/**
 * Only what the commit changed: the files whose content is new, the files whose resolution read something the
 * commit changed (the reverse index), every file when the layout changed, and the directories whose contents
 * changed. A body-only edit changes no exported summary and so affects no other file.
 */
export async function incrementalScope(options: BranchUpdateOptions, layoutChanged: boolean): Promise<BranchScope> {
  const { commit, previous, ports } = options;
  const previousGraphFiles = new Map(
    [...previous.files.values()]
      .filter((f) => f.node_count > 0)
      .map((f) => [f.file_path, { path: f.file_path, cacheKey: f.cache_key, summaryHash: f.summary_hash }]),
  );
  const plan = planBranchUpdate({
    files: commit.graphFiles.map((f) => ({ path: f.line.relativePath, cacheKey: f.line.cacheKey ?? '' })),
    dirs: commit.dirs,
    previousFiles: previousGraphFiles,
    previousDirs: previous.dirs,
    commitChanged: previous.branch?.indexed_commit_sha !== options.ctx.commitSha,
  });
  const changed = await ports.records.read(plan.changedFiles);
  const summaryChanged = [...changed.values()]
    .filter((f) => previousGraphFiles.get(f.relativePath)?.summaryHash !== exportedSummaryHash(indexedFileOf(f)))
    .map((f) => f.relativePath);
  const current = new Set(commit.graphFiles.map((f) => f.line.relativePath));
  const dirs = new Set(commit.dirs);
  const affected = new Set<string>(plan.changedFiles);
  const affectedDirs = new Set(plan.affectedDirs.filter((d) => dirs.has(d)));
  for (const owner of options.recompute ?? []) {
    if (current.has(owner)) affected.add(owner);
    else if (dirs.has(owner)) affectedDirs.add(owner);
  }
  if (layoutChanged) for (const path of current) affected.add(path);
  else {
    const keys = [...new Set([...changedKeysOf(plan, summaryChanged)].map(hashDependencyKey))];
    for (const path of await ports.dependents(keys)) if (current.has(path)) affected.add(path);
  }
  const scope: BranchScope = {
    files: 'all',
    dirs: [],
    gone: [...plan.removedFiles, ...plan.removedDirs, ...goneOwners(options)],
    deletes: goneFiles(options),
    addedDirs: plan.addedDirs,
    removedDirs: plan.removedDirs,
  };
  // Every file affected: the whole graph is streamed as in a full run, never held.
  if (affected.size === current.size) return scope;
  const files = new Map(changed);
  const others = await ports.records.read([...affected].filter((p) => !files.has(p)));
  for (const [path, file] of others) files.set(path, file);
  const sorted = [...affected].sort();
  return { ...scope, files: new Map(sorted.map((p) => [p, files.get(p)!])), dirs: [...affectedDirs].sort() };
}
