import type { StoredFragment } from '../graph/diff-fragments.js';
import { emitFragments } from '../graph/emit-fragments.js';
import type { Fragment } from '../graph/fragment.js';
import { exportedSummaryHash } from '../resolution/exported-summary.js';
import type { RepoLayout } from '../resolution/repo-layout.js';
import { fullReasonOf, fullScope, incrementalScope, type BranchScope } from './branch-scope.js';
import type { BranchUpdate, BranchUpdateOptions } from './branch-update.js';
import { commitIndex, type Commit } from './commit-files.js';
import {
  fragmentFileRow,
  fragmentlessFileRow,
  sameFragmentlessRow,
  skippedFileRow,
  type FileState,
  type FileStateRow,
} from './file-state-rows.js';

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

  add(row: Pick<FileState, 'node_count' | 'relationship_count' | 'imports_edges' | 'calls_edges'> | undefined): void {
    this.nodes += row?.node_count ?? 0;
    this.relationships += row?.relationship_count ?? 0;
    this.importsEdges += row?.imports_edges ?? 0;
    this.callsEdges += row?.calls_edges ?? 0;
  }
}

/** A hash of the layout as a whole: resolution depends on all of it. */
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

/**
 * Brings a branch from the state its last run left to a commit, as a pure computation over ports. It decides
 * whether the commit can be applied incrementally (the branch's graph is at a known commit, was written
 * completely, by this graph code), finds the owners to recompute (see `incrementalScope`; every one in full mode),
 * makes their fragments with the one fragment pipeline (`emitFragments`) and hands each, with what is stored of
 * it, to `sink.fragment`; owners that are gone go with a null fragment. The `indexed_files` rows that change go to
 * `sink.row`. Nothing is held that grows with the repository beyond its file list: a full run streams.
 */
export async function updateBranch(options: BranchUpdateOptions): Promise<BranchUpdate> {
  const { commit, previous, ports, sink } = options;
  const fullReason = fullReasonOf(options);
  const index = commitIndex(commit);
  const layout = ports.layout(index);
  const layoutHash = layoutHashOf(layout);
  const scope: BranchScope =
    fullReason != null
      ? fullScope(options)
      : await incrementalScope(options, previous.branch?.layout_hash !== layoutHash);
  const stored: Map<string, StoredFragment> =
    scope.files !== 'all'
      ? await ports.stored([...scope.files.keys(), ...scope.gone, ...scope.dirs])
      : previous.hasGraph
        ? await ports.stored('all')
        : new Map();
  const put = async (owner: string, next: Fragment | null) => {
    await sink.fragment({ owner, next, stored: stored.get(owner) });
    stored.delete(owner);
  };
  const totals = new Totals(commit);
  let rows = 0;
  const row = async (fileRow: FileStateRow) => {
    rows++;
    await sink.row(fileRow);
  };

  const fragments = emitFragments({
    ctx: options.ctx,
    rootName: options.rootName,
    index,
    layoutOf: () => layout,
    wanted:
      scope.files === 'all'
        ? { every: await ports.records.inWalkOrder() }
        : {
            files: scope.files,
            dirs: scope.dirs,
            children: commit.children,
            read: (paths) => ports.records.read(paths),
          },
  });
  for await (const emitted of fragments) {
    if ('directory' in emitted) await put(emitted.directory.owner, emitted.directory);
    else {
      const fileRow = fragmentFileRow(commit.summaries.get(emitted.file.file.relativePath)!.line, emitted.file);
      totals.add(fileRow);
      await row(fileRow);
      await put(emitted.file.fragment.owner, emitted.file.fragment);
    }
  }
  for (const owner of new Set(scope.gone)) await put(owner, null);
  // Stored owners the commit has no fragment for (a full run compares the whole graph).
  for (const owner of [...stored.keys()]) await put(owner, null);

  if (scope.files !== 'all') {
    for (const { line } of commit.graphFiles) {
      if (!scope.files.has(line.relativePath)) totals.add(previous.files.get(line.relativePath));
    }
  }
  for (const line of commit.walk) {
    if (line.type !== 'file') continue;
    const entry = commit.summaries.get(line.relativePath);
    if (entry != null && entry.summary.language != null) continue;
    const fileRow = entry == null ? skippedFileRow(line) : fragmentlessFileRow(line, entry.summary);
    if (fullReason != null || !sameFragmentlessRow(previous.files.get(line.relativePath), fileRow)) await row(fileRow);
  }
  return {
    mode: fullReason == null ? 'incremental' : 'full',
    fullReason,
    layoutHash,
    rows,
    deletes: scope.deletes,
    replaceAll: fullReason != null,
    addedDirs: scope.addedDirs,
    removedDirs: scope.removedDirs,
    filesResolved: scope.files === 'all' ? commit.graphFiles.length : scope.files.size,
    filesRemoved: scope.deletes.length,
    nodes: totals.nodes,
    relationships: totals.relationships,
    importsEdges: totals.importsEdges,
    callsEdges: totals.callsEdges,
  };
}
