import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { planCommits, RepoModel } from '../../helpers/commit-generator.js';

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Soak',
  GIT_AUTHOR_EMAIL: 'soak@example.test',
  GIT_COMMITTER_NAME: 'Soak',
  GIT_COMMITTER_EMAIL: 'soak@example.test',
};

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, env: GIT_ENV, encoding: 'utf8' }).trim();
}

/**
 * The commits of one soak repository, made ahead of time in a work tree of its own: `shas[i]` is the i-th push.
 * Each is a generated polyglot change (files added, moved, imports retargeted…), so merged runs skip real work.
 */
export interface SoakCommits {
  workDir: string;
  shas: string[];
}

/** Generates `count` commits (seeded) in `workDir`, each replacing the tree with the model's next state. */
export function generateSoakCommits(workDir: string, seed: number, count: number): SoakCommits {
  mkdirSync(workDir, { recursive: true });
  git(workDir, 'init', '-q', '-b', 'main');
  const model = new RepoModel(seed);
  const plan = planCommits(seed, count).slice(0, count);
  const shas: string[] = [];
  for (const [i, ops] of plan.entries()) {
    const described = ops.map((op) => model.apply(op));
    for (const entry of git(workDir, 'ls-files', '-z').split('\0')) {
      if (entry !== '') rmSync(path.join(workDir, entry));
    }
    for (const [rel, content] of model.render()) {
      mkdirSync(path.dirname(path.join(workDir, rel)), { recursive: true });
      writeFileSync(path.join(workDir, rel), content);
    }
    git(workDir, 'add', '-A');
    git(workDir, 'commit', '-q', '--allow-empty', '-m', `${i}: ${described.join('; ')}`);
    shas.push(git(workDir, 'rev-parse', 'HEAD'));
  }
  return { workDir, shas };
}

/**
 * Moves `branch` of the bare repository to `sha`, as a push does (asynchronously: the git server answering the
 * worker's fetches runs in this process too).
 */
export async function pushCommit(commits: SoakCommits, bareDir: string, sha: string, branch: string): Promise<void> {
  await promisify(execFile)('git', ['push', '-q', '--force', bareDir, `${sha}:refs/heads/${branch}`], {
    cwd: commits.workDir,
    env: GIT_ENV,
  });
}
