import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSnapshots } from '../../../src/db/repositories/repo-snapshots.repository.js';
import { findRepositoryBranch } from '../../../src/db/repositories/repository-branches.repository.js';
import { normaliseSource } from '../../../src/git/normalise-source.js';
import { sourceRepositoryRef } from '../../../src/git/source-repository-ref.js';
import type { RepoIndexingSuccess, RepositoryRef } from '../../../src/shared/repo-indexing.js';
import { commitFiles, createFixtureRepo } from './fixture-repo.js';
import { readGraphSnapshot } from './graph-snapshot.js';
import { startIndexingEnv, type IndexingEnv } from './indexing-env.js';

// The indexing unit is (repository, branch): two branches of one repository have graphs, snapshots and files of
// their own, side by side, and indexing one never touches the other or the repository's default branch.
describe('two branches of one repository, side by side (real Temporal, Neo4j, PostgreSQL, git)', () => {
  let env: IndexingEnv;
  let main: RepositoryRef;
  let dev: RepositoryRef;
  let mainSha: string;
  let devSha: string;

  beforeAll(async () => {
    env = await startIndexingEnv('branches', () => (main == null ? [] : [main.repo_id]));
    const repoDir = path.join(env.root, 'repo');
    mainSha = createFixtureRepo(repoDir);
    execFileSync('git', ['checkout', '-q', '-b', 'dev'], { cwd: repoDir });
    devSha = commitFiles(repoDir, { 'app/dev_only.py': 'def experimental():\n    return 42\n', 'web/util.ts': null });
    execFileSync('git', ['checkout', '-q', 'main'], { cwd: repoDir });
    const source = normaliseSource(repoDir);
    main = sourceRepositoryRef(source, 'main', 'main');
    dev = sourceRepositoryRef(source, 'dev', 'main');
  });
  afterAll(async () => {
    await env?.close();
  });

  it('indexes main, then dev, and each graph holds exactly its own branch', async () => {
    expect(((await env.index(main)).result as RepoIndexingSuccess).commit_sha).toBe(mainSha);
    const mainBefore = await readGraphSnapshot(env.driver, env.config.neo4j.database, main.repo_id, 'main');
    const devRun = (await env.index(dev)).result as RepoIndexingSuccess;
    expect(devRun).toMatchObject({ status: 'success', branch: 'dev', commit_sha: devSha });

    const mainGraph = await readGraphSnapshot(env.driver, env.config.neo4j.database, main.repo_id, 'main');
    const devGraph = await readGraphSnapshot(env.driver, env.config.neo4j.database, main.repo_id, 'dev');
    expect(mainGraph).toEqual(mainBefore);
    expect(mainGraph.symbols).toContain('shout');
    expect(mainGraph.symbols).not.toContain('experimental');
    expect(devGraph.symbols).toContain('experimental');
    expect(devGraph.symbols).not.toContain('shout');
    expect(devGraph.files).not.toContain('web/util.ts');
    // The same file has the same node id in both branches' graphs.
    expect(devGraph.nodeIds.filter((id) => mainGraph.nodeIds.includes(id)).length).toBeGreaterThan(5);
  });

  it('keeps snapshots, files and branch rows apart, and the default branch as it is', async () => {
    const db = env.t.db;
    expect((await listSnapshots(db, main.repo_id, { branch: 'main' })).map((s) => s.commit_sha)).toEqual([mainSha]);
    expect((await listSnapshots(db, main.repo_id, { branch: 'dev' })).map((s) => s.commit_sha)).toEqual([devSha]);
    expect(await findRepositoryBranch(db, main.repo_id, 'main')).toMatchObject({ indexed_commit_sha: mainSha });
    expect(await findRepositoryBranch(db, main.repo_id, 'dev')).toMatchObject({ indexed_commit_sha: devSha });
    const files = await db
      .selectFrom('indexed_files')
      .select(['branch', 'file_path'])
      .where('repository_id', '=', main.repo_id)
      .execute();
    const of = (branch: string) => files.filter((f) => f.branch === branch).map((f) => f.file_path);
    expect(of('main')).toContain('web/util.ts');
    expect(of('dev')).toContain('app/dev_only.py');
    expect(of('dev')).not.toContain('web/util.ts');
    const repo = await db
      .selectFrom('repositories')
      .select('default_branch')
      .where('id', '=', main.repo_id)
      .executeTakeFirstOrThrow();
    expect(repo.default_branch).toBe('main');
  });

  it('skips an unchanged branch per branch: main is up to date while dev is re-indexed when it moves', async () => {
    expect((await env.index(main)).result).toMatchObject({ status: 'skipped', reason: 'sha_unchanged' });
    const repoDir = path.join(env.root, 'repo');
    execFileSync('git', ['checkout', '-q', 'dev'], { cwd: repoDir });
    const next = commitFiles(repoDir, {
      'app/dev_only.py': 'def experimental():\n    return 43\n\ndef later():\n    return 1\n',
    });
    execFileSync('git', ['checkout', '-q', 'main'], { cwd: repoDir });
    expect((await env.index(dev)).result).toMatchObject({ status: 'success', commit_sha: next });
    const devGraph = await readGraphSnapshot(env.driver, env.config.neo4j.database, main.repo_id, 'dev');
    expect(devGraph.symbols).toContain('later');
    const mainGraph = await readGraphSnapshot(env.driver, env.config.neo4j.database, main.repo_id, 'main');
    expect(mainGraph.symbols).not.toContain('later');
  });
});
