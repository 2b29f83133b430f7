import { classifyOctokitError } from './classify-octokit-error.js';
import type { GitHubRequest } from './create-github-request.js';
import { toGitHubRepository, type GitHubRepository, type RestRepository } from './github-repository.js';

const PAGE_SIZE = 100;
/** 100 pages of 100: far above any real installation, and it bounds the loop. */
const MAX_PAGES = 100;

/**
 * Every repository an installation token can see (`GET /installation/repositories`, all pages), with the real
 * default branch of each. `request` must carry the installation token.
 */
export async function listInstallationRepositories(request: GitHubRequest): Promise<GitHubRepository[]> {
  const repositories: GitHubRepository[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    let data: { total_count: number; repositories: RestRepository[] };
    try {
      ({ data } = await request('GET /installation/repositories', { per_page: PAGE_SIZE, page }));
    } catch (error) {
      throw classifyOctokitError(error, 'installation', 'listing the installation repositories');
    }
    repositories.push(...data.repositories.map((repo) => toGitHubRepository(repo)));
    if (data.repositories.length < PAGE_SIZE || repositories.length >= data.total_count) break;
  }
  return repositories;
}
