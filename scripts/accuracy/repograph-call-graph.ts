import fs from 'node:fs';
import path from 'node:path';
import type { IndexedSymbol } from '../../src/resolution/indexed-file.js';
import type { RepoLayout, WorkspacePackage } from '../../src/resolution/repo-layout.js';
import { RepoIndex } from '../../src/resolution/repo-index.js';
import { resolveFileReferences } from '../../src/resolution/resolve-file-references.js';
import { SymbolLookup } from '../../src/resolution/symbol-lookup.js';
import { parseFile } from '../../src/parsers/parse-file.js';
import type { ParsedFile } from '../../src/parsers/parsed-file.js';

/** One call site as repograph sees it: its caller node and, when resolved, its target node. */
export interface RepographCallSite {
  file: string;
  line: number;
  callee: string;
  receiver: string | null;
  /** Node id of the caller symbol, or of the file for a module-level call. */
  caller: string;
  target: string | null;
}

/** Repograph's view of a corpus: symbols per file and every call site. */
export interface RepographCallGraph {
  symbols: Map<string, IndexedSymbol[]>;
  fileIds: Map<string, string>;
  sites: RepographCallSite[];
  /** Display name (`path#qualifiedName`) of every node id. */
  names: Map<string, string>;
}

const CONFIG = {
  maxFileBytes: 1_000_000,
  maxAbsoluteFileBytes: 10_000_000,
  maxSymbolsPerFile: 5_000,
  fileTimeoutMs: 60_000,
};

/**
 * Parses the corpus files (paths relative to `root`) and resolves their calls exactly as the graph builder does,
 * with `packages` standing in for the workspace so imports between the corpus's packages resolve.
 */
export async function repographCallGraph(
  root: string,
  files: string[],
  packages: WorkspacePackage[],
): Promise<RepographCallGraph> {
  const parsed: ParsedFile[] = [];
  const index = new RepoIndex();
  for (const relativePath of files) {
    const file = await parseFile({
      relativePath,
      bytes: fs.readFileSync(path.join(root, relativePath)),
      config: CONFIG,
    });
    if (file.kind !== 'code') continue;
    parsed.push(file);
    for (let dir = path.posix.dirname(relativePath); dir !== '.'; dir = path.posix.dirname(dir)) index.addDir(dir);
    index.addFile(file);
  }
  const layout: RepoLayout = {
    pythonRoots: ['.'],
    tsConfigs: [],
    packages: new Map(packages.map((p) => [p.name, p])),
    goModules: [],
  };
  const lookup = new SymbolLookup(index, layout);
  const graph: RepographCallGraph = { symbols: new Map(), fileIds: new Map(), sites: [], names: new Map() };
  for (const [file, indexed] of index.files) {
    graph.symbols.set(file, indexed.symbols);
    graph.fileIds.set(file, indexed.nodeId);
    graph.names.set(indexed.nodeId, file);
    for (const s of indexed.symbols) graph.names.set(s.nodeId, `${file}:${s.startLine}#${s.qualifiedName}`);
  }
  for (const file of parsed) {
    const symbols = index.files.get(file.relativePath)?.symbols ?? [];
    const fileId = graph.fileIds.get(file.relativePath) ?? '';
    const targets = new Map<number, string>();
    for (const edge of resolveFileReferences(lookup, file).edges) {
      if (edge.type === 'CALLS' && edge.call != null) targets.set(edge.call, edge.target);
    }
    file.calls.forEach((call, i) => {
      const caller = call.caller == null ? fileId : (symbols[call.caller]?.nodeId ?? fileId);
      graph.sites.push({
        file: file.relativePath,
        line: call.line,
        callee: call.callee,
        receiver: call.receiver,
        caller,
        target: targets.get(i) ?? null,
      });
    });
  }
  return graph;
}
