import { changedDependencyKeys } from '../resolution/dependency-keys.js';
import { parentDir } from '../parsers/repo-path.js';

/** A file of the new commit that has a graph fragment, as the planner sees it. */
export interface PlannedFile {
  path: string;
  cacheKey: string;
}

/** A file of the branch's graph as the last run left it. */
export interface PreviousFile {
  path: string;
  cacheKey: string | null;
  summaryHash: string | null;
}

/** What the planner needs to know about a commit and the branch's previous state. */
export interface PlanInput {
  /** Files of the new commit with a fragment (parsed, not skipped), in walk order. */
  files: readonly PlannedFile[];
  /** Directories of the new commit's walk ('.' included). */
  dirs: readonly string[];
  /** Files with a fragment in the branch's graph now. */
  previousFiles: ReadonlyMap<string, PreviousFile>;
  previousDirs: ReadonlySet<string>;
  /** Whether the root's fragment must be written (its commit changed). */
  commitChanged: boolean;
}

/** Which fragments a commit touches before dependents are known. */
export interface Plan {
  /** Files whose content (cache key) is new or that appeared: their fragments are recomputed. */
  changedFiles: string[];
  addedFiles: string[];
  removedFiles: string[];
  addedDirs: string[];
  removedDirs: string[];
  /** Directories whose fragment (node and HAS_FILE to children) changes. */
  affectedDirs: string[];
}

/** Compares the new commit's files and directories with the branch's previous state. */
export function planBranchUpdate(input: PlanInput): Plan {
  const current = new Set(input.files.map((f) => f.path));
  const dirs = new Set(input.dirs);
  const changedFiles: string[] = [];
  const addedFiles: string[] = [];
  for (const file of input.files) {
    const previous = input.previousFiles.get(file.path);
    if (previous == null) addedFiles.push(file.path);
    if (previous == null || previous.cacheKey !== file.cacheKey) changedFiles.push(file.path);
  }
  const removedFiles = [...input.previousFiles.keys()].filter((p) => !current.has(p)).sort();
  const addedDirs = input.dirs.filter((d) => !input.previousDirs.has(d));
  const removedDirs = [...input.previousDirs].filter((d) => !dirs.has(d)).sort();
  const affected = new Set<string>([...addedDirs, ...removedDirs]);
  // A directory's fragment lists its children: it changes when one appears or goes.
  for (const entry of [...addedFiles, ...removedFiles, ...addedDirs, ...removedDirs]) {
    if (entry !== '.') affected.add(parentDir(entry));
  }
  if (input.commitChanged) affected.add('.');
  return { changedFiles, addedFiles, removedFiles, addedDirs, removedDirs, affectedDirs: [...affected].sort() };
}

/**
 * The dependency keys whose answers a commit changed, given which changed files' exported summaries differ from
 * before (`summaryChanged`): files that appeared or went, summaries that changed, directories that appeared or
 * went.
 */
export function changedKeysOf(plan: Plan, summaryChanged: readonly string[]): Set<string> {
  return changedDependencyKeys({
    addedFiles: plan.addedFiles,
    removedFiles: plan.removedFiles,
    changedSummaries: summaryChanged,
    addedDirs: plan.addedDirs,
    removedDirs: plan.removedDirs,
  });
}
