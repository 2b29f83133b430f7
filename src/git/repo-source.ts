import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ApplicationFailure } from '@temporalio/common';
import { ErrorType } from '../shared/errors.js';
import type { RepositoryRef } from '../shared/repo-indexing.js';

/**
 * Where a repository is fetched from. Credentials never appear in `url`: a source that needs them returns git
 * config entries (e.g. `http.extraHeader`) that travel through the git process's environment, not its argv.
 */
export interface RepoSource {
  /** Fetch URL without credentials: `https://…`, `file://…`. */
  readonly url: string;
  /** True for `file://` sources, which can be checked on disk before calling git. */
  readonly isLocal: boolean;
  /** Git config entries for this fetch, e.g. `{ 'http.extraHeader': 'Authorization: Basic …' }`. Never logged. */
  gitConfig(): Promise<Record<string, string>>;
}

/** Builds the RepoSource of a repository; the GitHub App source plugs in here through `override`. */
export type RepoSourceFactory = (repository: RepositoryRef, installationId: number | null) => Promise<RepoSource>;

/**
 * The default factory: local paths and `file://` URLs (their committed HEAD or branch is indexed, never the
 * working tree, so a run indexes exactly one commit), public `https://`/`http://`/`git://` URLs, and GitHub
 * names without a URL as public `https://github.com/<name>.git`.
 */
export const createPublicRepoSource: RepoSourceFactory = async (repository) => {
  const raw = repository.repo_url.trim() || `https://github.com/${repository.github_repo_name}.git`;
  if (/^(https?|git):\/\//i.test(raw)) {
    const url = new URL(raw);
    if (url.username || url.password) {
      throw ApplicationFailure.create({
        type: ErrorType.InvalidInput,
        nonRetryable: true,
        message:
          'Repository URL carries credentials. To fix this problem, remove them from the URL; private repositories go through the GitHub App source',
      });
    }
    return { url: url.toString(), isLocal: false, gitConfig: async () => ({}) };
  }
  // fileURLToPath decodes `%20`, `%23`, non-ASCII…: `new URL(u).pathname` would keep them encoded.
  const localPath = /^file:/i.test(raw) ? fileURLToPath(raw) : raw;
  return { url: localRepoUrl(localPath), isLocal: true, gitConfig: async () => ({}) };
};

/** `file://` URL of a local repository path; throws a RepoNotFound failure when it is not a directory. */
export function localRepoUrl(localPath: string): string {
  const absolute = path.resolve(localPath);
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
    throw ApplicationFailure.create({
      type: ErrorType.RepoNotFound,
      nonRetryable: true,
      message: `Repository path ${absolute} does not exist or is not a directory. To fix this problem, pass the path of a git repository`,
    });
  }
  return pathToFileURL(realpathSync(absolute)).toString();
}
