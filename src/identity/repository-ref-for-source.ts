import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { localRepoUrl, type RepoSource } from '../git/repo-source.js';
import { resolveDefaultBranch } from '../git/git-client.js';
import type { RepositoryRef } from '../shared/repo-indexing.js';

/** RFC 4122 URL namespace: repo ids are UUIDv5 of the normalised source URL. */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** UUIDv5 (SHA-1, RFC 4122 §4.3) of `name` in `namespace`. */
export function uuidV5(name: string, namespace = URL_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The stable form of a source: `file://<realpath>` for local paths and `file://` URLs; for remote URLs the
 * lower-cased scheme and host, no credentials, no trailing `/` or `.git`.
 */
export function normaliseSource(source: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(source) || source.startsWith('file://')) {
    return localRepoUrl(source.startsWith('file://') ? new URL(source).pathname : source).replace(/\/+$/, '');
  }
  const url = new URL(source);
  const pathname = url.pathname.replace(/\/+$/, '').replace(/\.git$/, '');
  return `${url.protocol.toLowerCase()}//${url.host.toLowerCase()}${pathname}`;
}

/** A readable name: `owner/repo` for github.com URLs, the last path segment otherwise. */
export function sourceName(normalised: string): string {
  const url = new URL(normalised);
  const parts = url.pathname.split('/').filter(Boolean);
  if (url.hostname === 'github.com' && parts.length >= 2) return `${parts[0]}/${parts[1]}`;
  return parts.at(-1) ?? url.hostname;
}

/**
 * The RepositoryRef for a local path or plain git URL: repo_id is UUIDv5 of the normalised source (the same
 * source always maps to the same id and workflow id), the branch is `branch` or the repository's HEAD branch.
 */
export async function repositoryRefForSource(
  source: string,
  branch: string | null,
  workDir: string,
): Promise<RepositoryRef> {
  const normalised = normaliseSource(source);
  let defaultBranch = branch;
  if (defaultBranch == null) {
    const repoSource: RepoSource = {
      url: normalised,
      isLocal: normalised.startsWith('file:'),
      gitConfig: async () => ({}),
    };
    await mkdir(workDir, { recursive: true });
    defaultBranch = await resolveDefaultBranch(repoSource, path.resolve(workDir));
  }
  return {
    github_repo_name: sourceName(normalised),
    github_repo_id: null,
    repo_id: uuidV5(normalised),
    repo_url: normalised,
    commit_sha: null,
    default_branch: defaultBranch,
  };
}
