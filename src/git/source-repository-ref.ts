import { repoIdForSource } from '../identity/repo-ids.js';
import type { RepositoryRef } from '../shared/repo-indexing.js';
import { sourceName } from './normalise-source.js';

/**
 * The RepositoryRef of a local path or plain git URL, already normalised: its repo id is derived from the source
 * (never chosen by a caller), its name is readable, and `branch` is what the run indexes.
 */
export function sourceRepositoryRef(
  normalisedSource: string,
  branch: string,
  repositoryDefaultBranch: string | null,
): RepositoryRef {
  return {
    github_repo_name: sourceName(normalisedSource),
    github_repo_id: null,
    repo_id: repoIdForSource(normalisedSource),
    repo_url: normalisedSource,
    commit_sha: null,
    default_branch: branch,
    repository_default_branch: repositoryDefaultBranch,
  };
}
