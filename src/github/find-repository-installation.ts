import { createAppAuth } from '@octokit/auth-app';
import { classifyOctokitError } from './classify-octokit-error.js';
import { createGitHubRequest } from './create-github-request.js';
import { createInstallationToken } from './create-installation-token.js';
import type { GitHubAppCredentials } from './github-app-credentials.js';
import { getRepository } from './get-repository.js';
import type { GitHubRepository } from './github-repository.js';

/** A repository and the App installation that grants it. */
export interface InstalledRepository {
  installation_id: number;
  repository: GitHubRepository;
}

/**
 * Finds which installation of the App grants `owner/repo` (`GET /repos/{o}/{r}/installation` with the App JWT)
 * and reads the repository with a short-lived installation token (used for this one call, never kept).
 */
export async function findRepositoryInstallation(
  credentials: GitHubAppCredentials,
  fullName: string,
): Promise<InstalledRepository> {
  const [owner = '', repo = ''] = fullName.split('/');
  const appRequest = createGitHubRequest(credentials.apiUrl);
  const auth = createAppAuth({ appId: credentials.appId, privateKey: credentials.privateKey, request: appRequest });
  let installationId: number;
  try {
    const { token } = await auth({ type: 'app' });
    const { data } = await appRequest('GET /repos/{owner}/{repo}/installation', {
      owner,
      repo,
      headers: { authorization: `bearer ${token}` },
    });
    installationId = data.id;
  } catch (error) {
    throw classifyOctokitError(error, 'repository', `finding the App installation of ${fullName}`);
  }
  const token = await createInstallationToken(credentials, installationId);
  return {
    installation_id: installationId,
    repository: await getRepository(createGitHubRequest(credentials.apiUrl, token), fullName),
  };
}
