/** The fields of a GitHub repository repograph uses (from the REST API or a webhook payload). */
export interface GitHubRepository {
  github_repo_id: number;
  /** `owner/repo`. */
  full_name: string;
  /** The repository's real default branch (parity C29: never assumed to be `main`). */
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
