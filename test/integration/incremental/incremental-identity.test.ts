import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetIndexedBranches } from '../../../src/db/repositories/repositories.repository.js';
import { normaliseSource } from '../../../src/git/normalise-source.js';
import { sourceRepositoryRef } from '../../../src/git/source-repository-ref.js';
import { deleteRepoGraph } from '../../../src/graph/delete-repo-graph.js';
import type { RepoIndexingSuccess, RepositoryRef } from '../../../src/shared/repo-indexing.js';
import { git } from '../workflow/fixture-repo.js';
import { startIndexingEnv, type IndexingEnv } from '../workflow/indexing-env.js';
import { planCommits, RepoModel } from '../../helpers/commit-generator.js';
import { diffLines, dumpBranchFiles, dumpBranchGraph } from './graph-dump.js';

const SEED = Number(process.env.REPOGRAPH_IDENTITY_SEED ?? Math.floor(Math.random() * 2 ** 31));
const COMMITS = Number(process.env.REPOGRAPH_IDENTITY_COMMITS ?? 32);


/** Replaces the work tree's files with `files` and commits (an empty commit when nothing changed). */
function commitModel(dir: string, files: Map<string, string>, message: string): string {
  for (const entry of git(dir, 'ls-files', '-z').split('\0')) if (entry !== '') rmSync(path.join(dir, entry));
  for (const [rel, content] of files) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--allow-empty', '-m', message);
  return git(dir, 'rev-parse', 'HEAD');
}

// The proof that incremental runs are right: a seeded sequence of commits exercising every kind of change that
// moves references around; after each, the incrementally maintained branch is compared with a rebuild of the
// same commit from nothing (no graph, no state, no parse cache) by a canonical dump of Neo4j and indexed_files.
describe(`incremental indexing equals a full rebuild after every commit (seed ${SEED}; real Temporal, Neo4j, PostgreSQL, git)`, () => {
  let env: IndexingEnv;
  let repoDir: string;
  let main: RepositoryRef;
  let rebuild: RepositoryRef;

  beforeAll(async () => {
    console.log(`incremental identity: seed ${SEED} (replay with REPOGRAPH_IDENTITY_SEED=${SEED})`);
    env = await startIndexingEnv('identity', () => (main == null ? [] : [main.repo_id]));
    repoDir = path.join(env.root, 'repo');
    mkdirSync(repoDir);
    git(repoDir, 'init', '-q', '-b', 'main');
    const source = normaliseSource(repoDir);
    main = sourceRepositoryRef(source, 'main', 'main');
    rebuild = sourceRepositoryRef(source, 'rebuild', 'main');
  });
  afterAll(async () => {
    await env?.close();
  });

  it(`stays identical over ${COMMITS} generated commits`, { timeout: 30 * 60_000 }, async () => {
    const model = new RepoModel(SEED);
    const plan = planCommits(SEED, COMMITS);
    const seen = new Set<string>();
    let previous: string | null = null;
    const modes: string[] = [];
    for (const [i, ops] of plan.entries()) {
      const described = ops.map((op) => model.apply(op));
      const sha = commitModel(repoDir, model.render(), `${i}: ${described.join('; ')}`);
      seen.add(sha);
      const changed = previous == null ? Infinity : git(repoDir, 'diff-tree', '-r', '--name-only', '--no-renames', previous, sha).split('\n').filter(Boolean).length;
      const where = `seed ${SEED}, commit ${i} (${described.join('; ')})`;

      const inc = (await env.index(main)).result as RepoIndexingSuccess;
      expect(inc.status, `${where}: ${JSON.stringify(inc)}`).toBe('success');
      expect(inc.commit_sha).toBe(sha);
      modes.push(inc.stats.mode);
      if (previous != null) {
        expect(inc.stats.mode, where).toBe('incremental');
        // Parse cost follows the change: only contents git says are new are parsed.
        expect(inc.stats.files_parsed, where).toBeLessThanOrEqual(changed);
      }

      git(repoDir, 'branch', '-f', 'rebuild', sha);
      await deleteRepoGraph(env.driver, { database: env.config.neo4j.database, repoId: main.repo_id, branch: 'rebuild' });
      await forgetIndexedBranches(env.t.db, main.repo_id, 'rebuild');
      const full = (await env.index(rebuild, { full: true })).result as RepoIndexingSuccess;
      expect(full.status, `${where}: ${JSON.stringify(full)}`).toBe('success');
      expect(full.stats.mode).toBe('full');
      expect(full.stats.files_reused).toBe(0);

      const database = env.config.neo4j.database;
      const [a, b] = await Promise.all([
        dumpBranchGraph(env.driver, database, main.repo_id, 'main'),
        dumpBranchGraph(env.driver, database, main.repo_id, 'rebuild'),
      ]);
      const nodes = diffLines(a.nodes, b.nodes);
      const rels = diffLines(a.rels, b.rels);
      expect({ nodes, rels }, `${where}: graphs differ`).toEqual({
        nodes: { onlyA: [], onlyB: [] },
        rels: { onlyA: [], onlyB: [] },
      });
      expect(a.nodes.length).toBeGreaterThan(20);
      const [fa, fb] = await Promise.all([
        dumpBranchFiles(env.t.db, main.repo_id, 'main'),
        dumpBranchFiles(env.t.db, main.repo_id, 'rebuild'),
      ]);
      expect(diffLines(fa, fb), `${where}: indexed_files differ`).toEqual({ onlyA: [], onlyB: [] });
      expect(inc.stats.nodes).toBe(full.stats.nodes);
      expect(inc.stats.relationships).toBe(full.stats.relationships);

      // The incremental graph's commit stamps: every element was written at a commit of the branch, the root
      // says which commit the graph is at, and an element this commit did not change kept its older stamp.
      const rootId = [...a.commits.keys()].find((id) => a.nodes.some((l) => l.startsWith(`${id} `) && l.includes('"relative_path":"."')));
      expect(rootId, where).toBeDefined();
      expect(a.commits.get(rootId!)).toBe(sha);
      for (const commit of a.commits.values()) expect(seen.has(commit), where).toBe(true);
      if (previous != null && inc.stats.elements_written < a.nodes.length) {
        expect([...a.commits.values()].some((c) => c !== sha), where).toBe(true);
      }
      previous = sha;
    }
    expect(modes.filter((m) => m === 'incremental').length).toBe(plan.length - 1);

    // A forced reindex of the commit the branch is at changes nothing.
    const again = (await env.index(main, { force: true })).result as RepoIndexingSuccess;
    expect(again).toMatchObject({ status: 'success', commit_sha: previous });
    expect(again.stats.elements_written).toBe(0);
    expect(again.stats.elements_deleted).toBe(0);
    expect(again.stats.files_parsed).toBe(0);
  });
});
