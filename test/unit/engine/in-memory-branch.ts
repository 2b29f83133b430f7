import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ParserConfig } from '../../../src/config/read-config.js';
import { parseCacheSummaryOf, type ParseCacheSummary } from '../../../src/db/repositories/parse-cache.repository.js';
import type {
  BranchRecord,
  BranchUpdate,
  BranchUpdateOptions,
  BranchUpdatePorts,
} from '../../../src/engine/branch-update.js';
import { commitOf, type Commit, type WalkLine } from '../../../src/engine/commit-files.js';
import type { FileStateRow } from '../../../src/engine/file-state-rows.js';
import { FragmentCollector } from '../../../src/engine/fragment-sinks.js';
import { updateBranch } from '../../../src/engine/update-branch.js';
import type { StoredFragment } from '../../../src/graph/diff-fragments.js';
import { nodeHash, relHash, relKey, type Fragment } from '../../../src/graph/fragment.js';
import { codeVersion } from '../../../src/identity/code-version.js';
import { languageOfPath } from '../../../src/parsers/language-of-path.js';
import { parseCacheKey } from '../../../src/parsers/parse-cache-key.js';
import { parseFile } from '../../../src/parsers/parse-file.js';
import type { ParseRecord } from '../../../src/parsers/parse-record.js';
import type { ParsedFile } from '../../../src/parsers/parsed-file.js';
import { recordFacts } from '../../../src/parsers/record-facts.js';
import { walkRepository } from '../../../src/parsers/walk-repository.js';
import { readRepoLayout } from '../../../src/resolution/read-repo-layout.js';

/** The graph code version an in-memory branch is written with. */
const GRAPH_VERSION = 'in-memory';

/** Parse results by cache key, as the parse cache keeps them: made under the first path their content had. */
export class ParseCache {
  readonly #records = new Map<string, { json: string; summary: ParseCacheSummary }>();
  parsed = 0;

  constructor(readonly config: ParserConfig) {}

  async ensure(line: WalkLine, bytes: Buffer): Promise<ParseCacheSummary> {
    const key = line.cacheKey!;
    let entry = this.#records.get(key);
    if (entry == null) {
      const file = await parseFile({ relativePath: line.relativePath, bytes, config: this.config });
      entry = { json: JSON.stringify(file), summary: parseCacheSummaryOf(key, recordFacts(file)) };
      this.#records.set(key, entry);
      this.parsed++;
    }
    return entry.summary;
  }

  /** The record of `key`, moved to `relativePath` (a cached record keeps the path its content was first seen at). */
  record(key: string, relativePath: string): ParsedFile {
    const file = JSON.parse(this.#records.get(key)!.json) as ParsedFile;
    file.relativePath = relativePath;
    for (const chunk of file.chunks) chunk.relativePath = relativePath;
    return file;
  }
}

/** One commit of a repository on disk: its walk with cache keys and summaries, and ports that read it. */
export interface CommitData {
  root: string;
  commit: Commit;
  sha: string;
  records: BranchUpdatePorts['records'];
}

function blobOid(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** Writes `files` under `root` (a fresh directory), walks and parses it as the clone and parse steps would. */
export async function commitFiles(root: string, files: Map<string, string>, cache: ParseCache): Promise<CommitData> {
  await rm(root, { recursive: true, force: true });
  for (const [relative, content] of files) {
    await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
    await writeFile(path.join(root, relative), content);
  }
  const walk: WalkLine[] = [];
  const parserVersion = codeVersion('parser');
  for await (const entry of walkRepository(root, cache.config)) {
    const line: WalkLine = { ...entry };
    if (entry.type === 'file' && entry.skipReason == null) {
      const bytes = await readFile(entry.absolutePath);
      line.blobOid = blobOid(bytes);
      line.language = languageOfPath(entry.relativePath);
      line.cacheKey = parseCacheKey(line.blobOid, line.language ?? 'unknown', parserVersion, cache.config);
      line.cached = await cache.ensure(line, bytes);
    }
    walk.push(line);
  }
  const commit = commitOf(walk, new Map());
  const sha = createHash('sha1')
    .update(JSON.stringify(walk.map((l) => [l.relativePath, l.blobOid])))
    .digest('hex');
  const record = (p: string) => cache.record(commit.summaries.get(p)!.line.cacheKey!, p);
  const graph = new Set(commit.graphFiles.map((f) => f.line.relativePath));
  return {
    root,
    commit,
    sha,
    records: {
      read: (paths) => Promise.resolve(new Map(paths.map((p) => [p, record(p)]))),
      inWalkOrder: () =>
        Promise.resolve(async function* (): AsyncGenerator<ParseRecord> {
          for (const line of walk) {
            if (line.type === 'directory') yield { type: 'directory', relativePath: line.relativePath };
            else if (graph.has(line.relativePath)) yield { type: 'file', ...record(line.relativePath) };
          }
        }),
    },
  };
}

/**
 * A branch kept in memory the way PostgreSQL (`indexed_files`, `indexed_dirs`, `repository_branches`) and Neo4j
 * keep it: rows with their dependency keys, and each owner's fragment.
 */
export class InMemoryBranch {
  branch: BranchRecord | null = null;
  files = new Map<string, FileStateRow>();
  dirs = new Set<string>();
  graph = new Map<string, Fragment>();

  constructor(readonly name: string) {}

  clone(): InMemoryBranch {
    const copy = new InMemoryBranch(this.name);
    copy.branch = this.branch;
    copy.files = new Map(this.files);
    copy.dirs = new Set(this.dirs);
    copy.graph = new Map(this.graph);
    return copy;
  }

  stored(owners: readonly string[] | 'all'): Map<string, StoredFragment> {
    const out = new Map<string, StoredFragment>();
    for (const owner of owners === 'all' ? this.graph.keys() : owners) {
      const fragment = this.graph.get(owner);
      if (fragment == null) continue;
      out.set(owner, {
        nodes: new Map(fragment.nodes.map((n) => [n.row.node_id, nodeHash(n)])),
        rels: new Map(fragment.rels.map((r) => [relKey(r.type, r.row.source, r.row.target), relHash(r)])),
      });
    }
    return out;
  }

  dependents(keys: readonly number[]): string[] {
    const wanted = new Set(keys);
    return [...this.files.values()].filter((f) => f.deps?.some((k) => wanted.has(k))).map((f) => f.file_path);
  }

  /** The engine's options for bringing this branch to `data`'s commit, without the sink. */
  options(data: CommitData, extra: Partial<BranchUpdateOptions> = {}): Omit<BranchUpdateOptions, 'sink'> {
    return {
      ctx: { repoId: 'repo', branch: this.name, commitSha: data.sha, githubRepoId: 7 },
      rootName: 'fixture',
      commit: data.commit,
      previous: { branch: this.branch, files: this.files, dirs: this.dirs, hasGraph: this.graph.size > 0 },
      full: false,
      graphVersion: GRAPH_VERSION,
      ports: {
        records: data.records,
        stored: (owners) => Promise.resolve(this.stored(owners)),
        dependents: (keys) => Promise.resolve(this.dependents(keys)),
        layout: (index) => readRepoLayout(data.root, index),
      },
      ...extra,
    };
  }

  /** Runs the engine for `data`'s commit and applies what it produced, as the graph and metadata steps do. */
  async update(data: CommitData, extra: Partial<BranchUpdateOptions> = {}): Promise<BranchUpdate> {
    const collector = new FragmentCollector();
    const rows: FileStateRow[] = [];
    const update = await updateBranch({
      ...this.options(data, extra),
      sink: { fragment: collector.fragment, row: (row) => Promise.resolve(void rows.push(row)) },
    });
    for (const [owner, fragment] of collector.fragments) {
      if (fragment == null) this.graph.delete(owner);
      else this.graph.set(owner, fragment);
    }
    if (update.replaceAll) this.files = new Map();
    for (const path of update.deletes) this.files.delete(path);
    for (const row of rows) this.files.set(row.file_path, row);
    if (update.replaceAll) this.dirs = new Set();
    for (const dir of update.addedDirs) this.dirs.add(dir);
    for (const dir of update.removedDirs) this.dirs.delete(dir);
    this.branch = {
      indexed_commit_sha: data.sha,
      graph_version: GRAPH_VERSION,
      layout_hash: update.layoutHash,
      write_state: 'clean',
      writing_commit_sha: null,
    };
    return update;
  }

  /**
   * The graph as Neo4j would show it, one line per element, without the commit stamps: a relationship whose end
   * is not a node of the graph does not exist there.
   */
  dump(): string[] {
    const ids = new Set([...this.graph.values()].flatMap((f) => f.nodes.map((n) => n.row.node_id)));
    const props = (p: Record<string, unknown>) =>
      JSON.stringify(
        Object.keys(p)
          .filter((k) => k !== 'commit_sha' && k !== 'symbol_version_id' && p[k] != null)
          .sort()
          .map((k) => [k, p[k]]),
      );
    const lines: string[] = [];
    for (const fragment of this.graph.values()) {
      for (const n of fragment.nodes) lines.push(`${n.label} ${n.row.node_id} ${props(n.row.props)}`);
      for (const r of fragment.rels) {
        if (ids.has(r.row.target)) lines.push(`${r.type} ${r.row.source}->${r.row.target} ${props(r.row.props)}`);
      }
    }
    return lines.sort();
  }

  /** The `indexed_files` rows, one line each, dependency keys included. */
  dumpFiles(): string[] {
    return [...this.files.values()].map((row) => JSON.stringify(Object.entries(row).sort())).sort();
  }
}
