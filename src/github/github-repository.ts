import { repoIdForGitHubRepository } from '../identity/repo-ids.js';
import type { RepositoryRef } from '../shared/repo-indexing.js';

/** The fields of a GitHub repository repograph uses (from the REST API or a webhook payload). */
export interface GitHubRepository {
  github_repo_id: number;
  /** `owner/repo`. */
  full_name: string;
  /** The repository's real default branch (never assumed to be `main`, as the original did). */
  default_branch: string;
  private: boolean;
  /** HTTPS clone URL, e.g. `https://github.com/owner/repo.git` or a GitHub Enterprise URL. */
  clone_url: string;
}

/** The subset of a REST or webhook repository object read here. */
export interface RestRepository {
  id: number | bigint;
  full_name: string;
  default_branch?: string;
  private?: boolean;
  clone_url?: string;
}

/** Maps a REST or webhook repository object; `default_branch` must be present (webhook `repositories` lack it). */
export function toGitHubRepository(raw: RestRepository, fallbackCloneBase = 'https://github.com'): GitHubRepository {
  if (raw.default_branch == null || raw.default_branch === '') {
    throw new Error(`repository ${raw.full_name} came without a default_branch; fetch it from the REST API first`);
  }
  return {
    github_repo_id: Number(raw.id),
    full_name: raw.full_name,
    default_branch: raw.default_branch,
    private: raw.private ?? false,
    clone_url: raw.clone_url ?? `${fallbackCloneBase}/${raw.full_name}.git`,
  };
}

/**
 * The one mapping from a GitHub repository to the RepositoryRef a run indexes: its repo id derived from the
 * GitHub id, its clone URL, the branch to index (its default branch unless another is named) and its real
 * default branch, so the row's default branch stays right whichever branch is indexed.
 */
export function repositoryRefOf(
  repo: GitHubRepository,
  options: { branch?: string | null; commitSha?: string | null } = {},
): RepositoryRef {
  return {
    github_repo_name: repo.full_name,
    github_repo_id: repo.github_repo_id,
    repo_id: repoIdForGitHubRepository(repo.github_repo_id),
    repo_url: repo.clone_url,
    commit_sha: options.commitSha ?? null,
    default_branch: options.branch ?? repo.default_branch,
    repository_default_branch: repo.default_branch,
  };
}
