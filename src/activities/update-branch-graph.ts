import { open } from 'node:fs/promises';
import { findDependentFiles, listBranchFileState, type BranchFileState } from '../db/repositories/indexed-files.repository.js';
import { listIndexedDirs } from '../db/repositories/indexed-dirs.repository.js';
import { findRepositoryBranch, markGraphWriting } from '../db/repositories/repository-branches.repository.js';
import { diffFragment, type StoredFragment } from '../graph/diff-fragments.js';
import type { RowContext } from '../graph/file-node-rows.js';
import type { Fragment } from '../graph/fragment.js';
import { GraphEmitter, type FileFragment } from '../graph/graph-emitter.js';
import { writeFragments } from '../graph/write-branch-graph.js';
import { changedKeysOf, planBranchUpdate } from '../graph/plan-branch-update.js';
import type { GraphChangeWriter } from '../graph/write-graph-changes.js';
import { codeVersion } from '../identity/code-version.js';
import { hashDependencyKey } from '../resolution/dependency-keys.js';
import { exportedSummaryHash } from '../resolution/exported-summary.js';
import { readRepoLayout } from '../resolution/read-repo-layout.js';
import type { RepoLayout } from '../resolution/repo-layout.js';
import { indexedFileOf } from '../resolution/indexed-file.js';
import { RepoIndex } from '../resolution/repo-index.js';
import { SymbolLookup } from '../resolution/symbol-lookup.js';
import type { PersistGraphInput, PersistGraphResult } from '../shared/indexing-steps.js';
import type { ActivityDeps } from './activity-deps.js';
import {
  fragmentFileRow,
  fragmentlessFileRow,
  skippedFileRow,
  StateRows,
  type BranchStateChanges,
  type FileStateRow,
} from './branch-state.js';
import { checkoutDirOf } from './clone-repo.js';
import { readCommit, type Commit } from './read-commit.js';
import { RecordSource } from './record-source.js';
import { runFile } from './run-files.js';

/** Rounds of loading the symbols of files a resolution wanted before giving up (each round adds at least one). */
const MAX_ROUNDS = 64;

interface Previous {
  files: Map<string, BranchFileState>;
  dirs: Set<string>;
  branch: Awaited<ReturnType<typeof findRepositoryBranch>>;
}

async function readPrevious(deps: ActivityDeps, input: PersistGraphInput): Promise<Previous> {
  const [rows, dirs, branch] = await Promise.all([
    listBranchFileState(deps.db, input.repo_id, input.branch),
    listIndexedDirs(deps.db, input.repo_id, input.branch),
    findRepositoryBranch(deps.db, input.repo_id, input.branch),
  ]);
  return { files: new Map(rows.map((r) => [r.file_path, r])), dirs: new Set(dirs), branch };
}

/** Why this run must compare the whole graph rather than what the commit changed; null when it need not. */
function fullReason(input: PersistGraphInput, previous: Previous, graphVersion: string, hasGraph: boolean): string | null {
  const branch = previous.branch;
  if (input.full) return 'full_requested';
  if (branch == null || branch.indexed_commit_sha == null) return 'no_previous_graph';
  if (!hasGraph) return 'graph_missing';
  if (branch.graph_version !== graphVersion) return 'graph_code_changed';
  if (branch.write_state === 'writing' && branch.writing_commit_sha !== input.commit_sha) return 'interrupted_write';
  return null;
}

/** A symbol table of the commit: every file with a fragment known (path, language), every directory. */
function knownIndex(commit: Commit): RepoIndex {
  const index = new RepoIndex();
  for (const dir of commit.dirs) index.addDir(dir);
  for (const { line, summary } of commit.graphFiles) index.addKnownFile(line.relativePath, summary.language);
  return index;
}

function layoutHashOf(layout: RepoLayout): string {
  return exportedSummaryHash({
    path: '',
    nodeId: '',
    language: null,
    symbols: [],
    imports: [],
    bases: [{ symbol: 0, base: JSON.stringify(layout, (_k, v: unknown) => (v instanceof Map ? [...v] : v)) }],
    attributeTypes: [],
    returnTypes: new Map(),
  });
}

/** What one run computed, before it is written (its `indexed_files` rows went to the run's `stateRows` file). */
interface Computed {
  deletes: string[];
  addedDirs: string[];
  removedDirs: string[];
  filesResolved: number;
  filesRemoved: number;
  nodes: number;
  relationships: number;
  importsEdges: number;
  callsEdges: number;
}

async function writeRowsWithoutFragment(rows: StateRows, commit: Commit, previous: Previous, all: boolean): Promise<void> {
  for (const line of commit.walk) {
    if (line.type !== 'file') continue;
    const entry = commit.summaries.get(line.relativePath);
    if (entry != null && entry.summary.language != null) continue;
    const row = entry == null ? skippedFileRow(line) : fragmentlessFileRow(line, entry.summary);
    const before = previous.files.get(line.relativePath);
    const same =
      before != null &&
      before.parse_status === row.parse_status &&
      before.size_bytes === row.size_bytes &&
      before.error === row.error &&
      before.blob_oid === row.blob_oid &&
      before.cache_key === row.cache_key &&
      before.node_count === 0;
    if (all || !same) await rows.write(row);
  }
}

/** Nodes, relationships and reference edges of a branch's graph, added up file by file. */
class Totals {
  // A directory is one node; every directory but the root and every file with a fragment has one HAS_FILE.
  nodes: number;
  relationships: number;
  importsEdges = 0;
  callsEdges = 0;

  constructor(commit: Commit) {
    this.nodes = commit.dirs.length;
    this.relationships = commit.dirs.length - 1 + commit.graphFiles.length;
  }

  add(row: Pick<FileStateRow, 'node_count' | 'relationship_count' | 'imports_edges' | 'calls_edges'> | undefined): void {
    this.nodes += row?.node_count ?? 0;
    this.relationships += row?.relationship_count ?? 0;
    this.importsEdges += row?.imports_edges ?? 0;
    this.callsEdges += row?.calls_edges ?? 0;
  }
}

/**
 * The whole graph from every record of the commit, compared with what the branch's graph holds (nothing, when it
 * has none: then every element is created without a comparison).
 */
async function computeFull(
  deps: ActivityDeps,
  input: PersistGraphInput,
  commit: Commit,
  previous: Previous,
  records: RecordSource,
  writer: GraphChangeWriter,
  rows: StateRows,
  stored: Map<string, StoredFragment>,
  ctx: RowContext,
  rootName: string,
): Promise<Computed> {
  const inWalkOrder = await records.inWalkOrder(runFile(input.work_dir, 'allRecords'));
  const lineOf = new Map(commit.graphFiles.map((f) => [f.line.relativePath, f.line]));
  const totals = new Totals(commit);
  await writeFragments(writer, stored, {
    records: inWalkOrder,
    repoRoot: checkoutDirOf(input.work_dir),
    ctx,
    rootName,
    onFile: async (file) => {
      const row = fragmentFileRow(lineOf.get(file.file.relativePath)!, file);
      totals.add(row);
      await rows.write(row);
    },
  });
  await writeRowsWithoutFragment(rows, commit, previous, true);
  const present = new Set(commit.walk.filter((l) => l.type === 'file').map((l) => l.relativePath));
  const deletes = [...previous.files.keys()].filter((p) => !present.has(p));
  const dirs = new Set(commit.dirs);
  return {
    deletes,
    addedDirs: commit.dirs,
    removedDirs: [...previous.dirs].filter((d) => !dirs.has(d)),
    filesResolved: commit.graphFiles.length,
    filesRemoved: deletes.length,
    ...totals,
  };
}

/**
 * Only what the commit changed: the fragments of changed files, of files whose resolution read something the
 * commit changed (the reverse index), of directories whose contents changed, and of everything when the layout
 * changed; each compared with its stored fragment.
 */
async function computeIncremental(
  deps: ActivityDeps,
  input: PersistGraphInput,
  commit: Commit,
  previous: Previous,
  records: RecordSource,
  writer: GraphChangeWriter,
  rows: StateRows,
  ctx: RowContext,
  rootName: string,
  layout: RepoLayout,
  layoutChanged: boolean,
): Promise<Computed> {
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
    commitChanged: previous.branch?.indexed_commit_sha !== input.commit_sha,
  });
  const changed = await records.read(plan.changedFiles);
  const summaryChanged = [...changed.values()]
    .filter((f) => previousGraphFiles.get(f.relativePath)?.summaryHash !== exportedSummaryHash(indexedFileOf(f)))
    .map((f) => f.relativePath);
  const keys = changedKeysOf(plan, summaryChanged);
  const current = new Set(commit.graphFiles.map((f) => f.line.relativePath));
  const affected = new Set<string>(plan.changedFiles);
  if (layoutChanged) for (const path of current) affected.add(path);
  else {
    const hashed = [...new Set([...keys].map(hashDependencyKey))];
    for (const path of await findDependentFiles(deps.db, input.repo_id, input.branch, hashed)) {
      if (current.has(path)) affected.add(path);
    }
  }
  const files = new Map(changed);
  for (const [path, file] of await records.read([...affected].filter((p) => !files.has(p)))) files.set(path, file);

  // Resolve the affected files; a file a resolution wanted but that was not loaded is loaded and the round
  // repeated, until every answer came from loaded files (then it equals a full build's).
  const index = knownIndex(commit);
  for (const file of files.values()) index.addFile(file);
  let fragments: FileFragment[] = [];
  for (let round = 0; ; round++) {
    index.recorder.misses.clear();
    const emitter = new GraphEmitter(ctx, new SymbolLookup(index, layout));
    fragments = [...affected].sort().map((path) => emitter.file(files.get(path)!));
    const missing = [...index.recorder.misses].filter((p) => !index.isLoaded(p));
    if (missing.length === 0) break;
    if (round >= MAX_ROUNDS) throw new Error(`resolution kept asking for unloaded files after ${round} rounds`);
    for (const file of (await records.read(missing)).values()) index.addIndexedFile(indexedFileOf(file));
  }

  const emitter = new GraphEmitter(ctx, new SymbolLookup(index, layout));
  const dirs = new Set(commit.dirs);
  const dirFragments = plan.affectedDirs
    .filter((d) => dirs.has(d))
    .map((d) => emitter.directory(d, rootName, commit.children.get(d) ?? []));
  const owners = [...affected, ...plan.removedFiles, ...plan.affectedDirs];
  const stored = await deps.graph.readStored({ repoId: input.repo_id, branch: input.branch }, owners);
  const next = new Map<string, Fragment>([
    ...fragments.map((f) => [f.fragment.owner, f.fragment] as const),
    ...dirFragments.map((f) => [f.owner, f] as const),
  ]);
  for (const owner of owners) await writer.add(diffFragment(owner, next.get(owner) ?? null, stored.get(owner)));

  const lineOf = new Map(commit.graphFiles.map((f) => [f.line.relativePath, f.line]));
  const changedRows = new Map(fragments.map((f) => [f.file.relativePath, fragmentFileRow(lineOf.get(f.file.relativePath)!, f)]));
  for (const row of changedRows.values()) await rows.write(row);
  await writeRowsWithoutFragment(rows, commit, previous, false);
  const present = new Set(commit.walk.filter((l) => l.type === 'file').map((l) => l.relativePath));
  const removed = [...previous.files.keys()].filter((p) => !present.has(p));
  const totals = new Totals(commit);
  for (const { line } of commit.graphFiles) {
    totals.add(changedRows.get(line.relativePath) ?? previous.files.get(line.relativePath));
  }
  return {
    deletes: removed,
    addedDirs: plan.addedDirs,
    removedDirs: plan.removedDirs,
    filesResolved: affected.size,
    filesRemoved: removed.length,
    ...totals,
  };
}

/**
 * The knowledge-graph step's work: decides whether the commit can be applied incrementally (the branch's graph
 * is at a known commit, was written completely, with this graph code), computes the fragments that change,
 * compares them with Neo4j and writes only the difference, then leaves what it changed for the metadata step.
 */
export async function updateBranchGraph(
  deps: ActivityDeps,
  input: PersistGraphInput,
  onProgress: (done: number) => void,
): Promise<PersistGraphResult> {
  const unit = { repoId: input.repo_id, branch: input.branch };
  const commit = await readCommit(input.work_dir);
  const previous = await readPrevious(deps, input);
  const graphVersion = codeVersion('graph');
  const hasGraph = await deps.graph.hasBranchGraph(unit);
  const reason = fullReason(input, previous, graphVersion, hasGraph);
  const layout = readRepoLayout(checkoutDirOf(input.work_dir), knownIndex(commit));
  const layoutHash = layoutHashOf(layout);
  await markGraphWriting(deps.db, input.repo_id, input.branch, input.commit_sha);
  const ctx: RowContext = {
    repoId: input.repo_id,
    branch: input.branch,
    commitSha: input.commit_sha,
    githubRepoId: input.github_repo_id,
  };
  const rootName = input.repo_name.slice(input.repo_name.lastIndexOf('/') + 1) || 'root';
  const records = new RecordSource(deps, input.work_dir, commit);
  const writer = deps.graph.createWriter({
    repoId: input.repo_id,
    branch: input.branch,
    commitSha: input.commit_sha,
    runId: input.event_context.workflow_run_id,
    batchSize: deps.config.neo4j.batchSize,
    concurrency: 2,
    createOnly: !hasGraph,
    spillDir: input.work_dir,
    onProgress,
  });
  const rows = await StateRows.create(input.work_dir);
  let computed: Computed;
  try {
    if (reason != null) {
      const stored = hasGraph ? await deps.graph.readStored(unit, 'all') : new Map<string, StoredFragment>();
      computed = await computeFull(deps, input, commit, previous, records, writer, rows, stored, ctx, rootName);
    } else {
      const layoutChanged = previous.branch?.layout_hash !== layoutHash;
      computed = await computeIncremental(
        deps,
        input,
        commit,
        previous,
        records,
        writer,
        rows,
        ctx,
        rootName,
        layout,
        layoutChanged,
      );
    }
    await rows.close();
    const written = await writer.finish();
    const state: BranchStateChanges = {
      mode: reason == null ? 'incremental' : 'full',
      commitSha: input.commit_sha,
      graphVersion,
      layoutHash,
      upserts: rows.count,
      deletes: computed.deletes,
      replaceAll: reason != null,
      addedDirs: computed.addedDirs,
      removedDirs: computed.removedDirs,
      nodes: computed.nodes,
      relationships: computed.relationships,
    };
    const handle = await open(runFile(input.work_dir, 'state'), 'w');
    await handle.writeFile(JSON.stringify(state));
    await handle.close();
    return {
      mode: state.mode,
      full_reason: reason,
      nodes: computed.nodes,
      relationships: computed.relationships,
      imports_edges: computed.importsEdges,
      calls_edges: computed.callsEdges,
      files_resolved: computed.filesResolved,
      files_removed: computed.filesRemoved,
      elements_written: written.written,
      elements_deleted: written.deleted,
    };
  } finally {
    await writer.close();
    await rows.close();
  }
}
