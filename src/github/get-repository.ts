import { classifyOctokitError } from './classify-octokit-error.js';
import type { GitHubRequest } from './create-github-request.js';
import { toGitHubRepository, type GitHubRepository } from './github-repository.js';

/** `GET /repos/{owner}/{repo}`: the repository with its real default branch. `request` carries the token. */
export async function getRepository(request: GitHubRequest, fullName: string): Promise<GitHubRepository> {
  const [owner = '', repo = ''] = fullName.split('/');
  try {
    const { data } = await request('GET /repos/{owner}/{repo}', { owner, repo });
    return toGitHubRepository(data);
  } catch (error) {
    throw classifyOctokitError(error, 'repository', `reading repository ${fullName}`);
  }
}

/** `GET /repos/{owner}/{repo}/branches/{branch}`: the SHA at the head of `branch`. */
export async function resolveBranchHead(request: GitHubRequest, fullName: string, branch: string): Promise<string> {
  const [owner = '', repo = ''] = fullName.split('/');
  try {
    const { data } = await request('GET /repos/{owner}/{repo}/branches/{branch}', { owner, repo, branch });
    return data.commit.sha;
  } catch (error) {
    throw classifyOctokitError(error, 'repository', `resolving branch ${branch} of ${fullName}`);
  }
}
