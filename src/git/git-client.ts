import { mkdir } from 'node:fs/promises';
import { simpleGit, type SimpleGit } from 'simple-git';
import { GitCommandError, GitHttpStatusError, RefNotFoundError } from './classify-git-error.js';
import type { RepoSource } from './repo-source.js';

/** What to fetch: an exact commit, or the head of a branch. */
export type FetchTarget = { sha: string } | { branch: string };

/**
 * Environment of every git process (it replaces the inherited one, so no askpass helper or credential variable
 * leaks in): no prompts, no LFS downloads, no system config, and the source's config
 * entries (credentials included) as GIT_CONFIG_* variables so they never show in argv or `ps`.
 */
export function buildGitEnv(
  config: Record<string, string>,
  base: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const env: Record<string, string> = {
    PATH: base.PATH ?? '/usr/bin:/bin',
    HOME: base.HOME ?? '/tmp',
    GIT_TERMINAL_PROMPT: '0',
    GIT_LFS_SKIP_SMUDGE: '1',
    GIT_CONFIG_NOSYSTEM: '1',
  };
  const entries = Object.entries(config);
  env.GIT_CONFIG_COUNT = String(entries.length);
  entries.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  return env;
}

/** Argv of the shallow, single-ref, tag-less, submodule-less fetch of `target` from `origin`. */
export function buildFetchArgs(target: FetchTarget): string[] {
  const ref = 'sha' in target ? target.sha : `+refs/heads/${target.branch}:refs/remotes/origin/${target.branch}`;
  return ['fetch', '--depth', '1', '--no-tags', '--no-recurse-submodules', 'origin', ref];
}

/**
 * Global `-c` options of every git call: hooks off (a cloned repository runs nothing), no automatic maintenance,
 * and an HTTP transfer slower than 1 KB/s for 60 s abandoned, so a stalled fetch fails and is retried instead of
 * holding the clone step until its ceiling.
 */
export const GIT_CONFIG_ARGS = [
  'core.hooksPath=/dev/null',
  'maintenance.auto=false',
  'gc.auto=0',
  'advice.detachedHead=false',
  'http.lowSpeedLimit=1000',
  'http.lowSpeedTime=60',
];

function git(baseDir: string, env: Record<string, string>, signal?: AbortSignal): SimpleGit {
  return simpleGit({
    baseDir,
    config: GIT_CONFIG_ARGS,
    abort: signal,
    unsafe: { allowUnsafeHooksPath: true, allowUnsafeConfigEnvCount: true },
    allowEnvironment: Object.keys(env),
    errors: (error, result) =>
      result.exitCode === 0
        ? error
        : new GitCommandError('command', result.exitCode, Buffer.concat(result.stdErr).toString('utf8')),
  }).env(env);
}

async function probeHttp(source: RepoSource, config: Record<string, string>, signal?: AbortSignal): Promise<void> {
  if (source.isLocal || !/^https?:/i.test(source.url)) return;
  const headers: Record<string, string> = {};
  const extra = config['http.extraHeader'];
  if (extra != null) {
    const colon = extra.indexOf(':');
    headers[extra.slice(0, colon).trim()] = extra.slice(colon + 1).trim();
  }
  const probe = `${source.url.replace(/\/+$/, '')}/info/refs?service=git-upload-pack`;
  const response = await fetch(probe, { headers, signal: signal ?? AbortSignal.timeout(30_000), redirect: 'follow' });
  await response.body?.cancel();
  if (!response.ok) throw new GitHttpStatusError(source.url, response.status);
}

/**
 * The SHA at the head of `branch`. Throws GitHttpStatusError when the host refuses (401/403/404…),
 * RefNotFoundError when the branch does not exist (`ls-remote --exit-code` exits 2), GitCommandError otherwise.
 */
export async function resolveBranchHead(
  source: RepoSource,
  branch: string,
  cwd: string,
  signal?: AbortSignal,
): Promise<string> {
  const config = await source.gitConfig();
  await probeHttp(source, config, signal);
  const ref = `refs/heads/${branch}`;
  try {
    const out = await git(cwd, buildGitEnv(config), signal).raw(['ls-remote', '--exit-code', source.url, ref]);
    const sha = out.trim().split(/\s+/)[0];
    if (sha == null || !/^[0-9a-f]{40,64}$/.test(sha)) throw new RefNotFoundError(ref);
    return sha;
  } catch (error) {
    if (error instanceof GitCommandError && error.exitCode === 2) throw new RefNotFoundError(ref);
    throw error;
  }
}

/** Fetches exactly `sha` (depth 1) into a new repository at `dir` and checks it out detached. */
export async function checkoutCommit(
  source: RepoSource,
  sha: string,
  dir: string,
  signal?: AbortSignal,
): Promise<void> {
  const env = buildGitEnv(await source.gitConfig());
  await mkdir(dir, { recursive: true });
  const g = git(dir, env, signal);
  await g.raw(['init', '--quiet']);
  await g.raw(['remote', 'add', 'origin', source.url]);
  await g.raw(buildFetchArgs({ sha }));
  await g.raw(['checkout', '--quiet', '--detach', sha]);
}

/**
 * The branch a repository's HEAD points at: `git ls-remote --symref <url> HEAD` (works for remote URLs and
 * `file://` alike). Throws RefNotFoundError for a repository without a symbolic HEAD (e.g. no commits).
 */
export async function resolveDefaultBranch(source: RepoSource, cwd: string, signal?: AbortSignal): Promise<string> {
  const config = await source.gitConfig();
  await probeHttp(source, config, signal);
  const out = await git(cwd, buildGitEnv(config), signal).raw(['ls-remote', '--symref', source.url, 'HEAD']);
  const match = /^ref: refs\/heads\/(\S+)\s+HEAD$/m.exec(out);
  if (match?.[1] == null) throw new RefNotFoundError('HEAD');
  return match[1];
}
