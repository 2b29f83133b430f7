import { ApplicationFailure } from '@temporalio/common';
import { isRemoteSource, normaliseRemoteUrl, normaliseSource } from '../git/normalise-source.js';
import { sourceRepositoryRef } from '../git/source-repository-ref.js';
import type { InstalledRepository } from '../github/find-repository-installation.js';
import { repositoryRefOf } from '../github/github-repository.js';
import { ErrorType } from '../shared/errors.js';
import type { RepositoryRef } from '../shared/repo-indexing.js';

/** What the server allows `POST /api/index` to name, and how it asks GitHub about a repository. */
export interface IndexSourcePolicy {
  /** Local paths and `file://` URLs (off unless API_ALLOW_LOCAL_SOURCES is set). */
  allowLocalSources: boolean;
  /** Hosts a URL source without an App installation may name (API_SOURCE_HOSTS), lower case. */
  sourceHosts: readonly string[];
  /** Finds the installation that grants `owner/repo` and reads the repository; null without App credentials. */
  findInstallation: ((fullName: string) => Promise<InstalledRepository>) | null;
}

/** One repository as the caller named it; nothing in it is trusted. */
export interface RequestedRepository {
  github_repo_name: string | null;
  github_repo_id: number | null;
  repo_id: string | null;
  repo_url: string | null;
  default_branch: string | null;
  commit_sha: string | null;
}

/** A source the server allows, with the RepositoryRef it derived, or why it refuses the request. */
export type ResolvedSource =
  | { ok: true; installationId: number | null; repository: RepositoryRef }
  | { ok: false; status: number; detail: string };

const URL_PROTOCOLS = new Set(['https:', 'http:', 'git:']);

function refuse(status: number, detail: string): ResolvedSource {
  return { ok: false, status, detail };
}

function statusOfFailure(error: unknown): number {
  const type = error instanceof ApplicationFailure ? error.type : null;
  if (type === ErrorType.RepoNotFound) return 404;
  if (type === ErrorType.PermissionDenied || type === ErrorType.InstallationRevoked) return 403;
  if (type === ErrorType.InvalidInput) return 400;
  return 502;
}

async function fromInstallation(
  policy: IndexSourcePolicy,
  installationId: number,
  requested: RequestedRepository,
): Promise<ResolvedSource> {
  if (policy.findInstallation == null) {
    return refuse(
      503,
      'installation sources need the GitHub App. To fix this problem, set GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY for repograph serve',
    );
  }
  if (requested.github_repo_name == null) return refuse(400, 'github_repo_name is required with installation_id');
  let found: InstalledRepository;
  try {
    found = await policy.findInstallation(requested.github_repo_name);
  } catch (error) {
    return refuse(statusOfFailure(error), error instanceof Error ? error.message : String(error));
  }
  const { repository } = found;
  if (found.installation_id !== installationId) {
    return refuse(403, `installation ${installationId} does not grant ${requested.github_repo_name}`);
  }
  if (requested.github_repo_id != null && requested.github_repo_id !== repository.github_repo_id) {
    return refuse(400, `github_repo_id ${requested.github_repo_id} is not the id of ${repository.full_name}`);
  }
  if (requested.repo_url != null && !sameRemote(requested.repo_url, repository.clone_url)) {
    return refuse(400, `repo_url is not the clone URL of ${repository.full_name}; leave it out`);
  }
  const ref = repositoryRefOf(repository, { branch: requested.default_branch, commitSha: requested.commit_sha });
  return { ok: true, installationId, repository: ref };
}

function sameRemote(a: string, b: string): boolean {
  try {
    return normaliseRemoteUrl(a) === normaliseRemoteUrl(b);
  } catch {
    return false;
  }
}

function fromUrl(policy: IndexSourcePolicy, requested: RequestedRepository): ResolvedSource {
  if (requested.github_repo_id != null) {
    return refuse(
      400,
      'github_repo_id is read from the App installation; send installation_id with it, or leave it out',
    );
  }
  const source =
    requested.repo_url ??
    (requested.github_repo_name == null ? null : `https://github.com/${requested.github_repo_name}`);
  if (source == null) return refuse(400, 'repo_url or github_repo_name is required');
  const branch = requested.default_branch ?? 'main';
  if (!isRemoteSource(source)) {
    if (!policy.allowLocalSources) {
      return refuse(
        403,
        'local paths and file:// URLs are off on this server. To fix this problem, index them with the CLI, or set API_ALLOW_LOCAL_SOURCES=true',
      );
    }
    try {
      return {
        ok: true,
        installationId: null,
        repository: withCommit(sourceRepositoryRef(normaliseSource(source), branch, null), requested),
      };
    } catch (error) {
      return refuse(400, error instanceof Error ? error.message : String(error));
    }
  }
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return refuse(400, `repo_url ${JSON.stringify(source)} is not a URL`);
  }
  if (!URL_PROTOCOLS.has(url.protocol)) return refuse(400, `repo_url must be https://, http:// or git://`);
  if (url.username !== '' || url.password !== '') {
    return refuse(
      400,
      'repo_url carries credentials; private repositories go through the GitHub App (installation_id)',
    );
  }
  if (!policy.sourceHosts.includes(url.hostname.toLowerCase())) {
    return refuse(
      403,
      `host ${url.hostname} is not one this server indexes (${policy.sourceHosts.join(', ') || 'none'}). To fix this problem, add it to API_SOURCE_HOSTS`,
    );
  }
  const ref = sourceRepositoryRef(normaliseRemoteUrl(source), branch, null);
  return { ok: true, installationId: null, repository: withCommit(ref, requested) };
}

function withCommit(ref: RepositoryRef, requested: RequestedRepository): RepositoryRef {
  return { ...ref, commit_sha: requested.commit_sha };
}

/**
 * Decides what one requested repository may index and derives its RepositoryRef on the server: with an
 * installation, from what GitHub says about the repository (its id, hence the repo id, and its clone URL); without
 * one, from the normalised URL on an allowed host, or a local path when the server allows those. A `repo_id` the
 * caller sends is only checked against the derived one, never used.
 */
export async function resolveIndexSource(
  policy: IndexSourcePolicy,
  installationId: number | null,
  requested: RequestedRepository,
): Promise<ResolvedSource> {
  const resolved =
    installationId == null ? fromUrl(policy, requested) : await fromInstallation(policy, installationId, requested);
  if (resolved.ok && requested.repo_id != null && requested.repo_id !== resolved.repository.repo_id) {
    return refuse(
      400,
      `repo_id ${requested.repo_id} is not the id of this source; the server derives it (${resolved.repository.repo_id}), leave it out`,
    );
  }
  return resolved;
}
