import { createAppAuth } from '@octokit/auth-app';
import { classifyOctokitError } from './classify-octokit-error.js';
import { createGitHubRequest } from './create-github-request.js';
import type { GitHubAppCredentials } from './github-app-credentials.js';

/**
 * Mints a fresh installation access token (valid one hour) for `installationId`: signs an App JWT (auth-app
 * back-dates `iat` by 30 s for clock skew) and exchanges it at
 * `POST {apiUrl}/app/installations/{id}/access_tokens`. Nothing is cached between calls, so every activity
 * invocation gets its own token. Failures become classified `ApplicationFailure`s: a removed or suspended
 * installation (401/404) is `InstallationRevoked` and never retried. The token must never be logged or stored.
 */
export async function createInstallationToken(
  credentials: GitHubAppCredentials,
  installationId: number,
): Promise<string> {
  const auth = createAppAuth({
    appId: credentials.appId,
    privateKey: credentials.privateKey,
    request: createGitHubRequest(credentials.apiUrl),
    log: { warn: () => undefined },
  });
  try {
    const result = await auth({ type: 'installation', installationId, refresh: true });
    return result.token;
  } catch (error) {
    throw classifyOctokitError(error, 'installation', `minting a token for installation ${installationId}`);
  }
}
