import type { GitHubConfig } from '../config/read-config.js';
import type { RepoSource, RepoSourceFactory } from '../git/repo-source.js';
import { createInstallationToken } from './create-installation-token.js';
import { readGitHubAppCredentials } from './github-app-credentials.js';

/** `Authorization` header value git sends for an installation token: Basic base64(`x-access-token:<token>`). */
export function gitBasicAuthHeader(token: string): string {
  return `Authorization: Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
}

/**
 * Web base URL of the GitHub that serves `apiUrl`: `https://github.com` for `https://api.github.com`, and the
 * host itself for GitHub Enterprise Server (`https://ghe.example.com/api/v3` → `https://ghe.example.com`).
 */
export function gitHubWebUrl(apiUrl: string): string {
  const url = new URL(apiUrl);
  if (url.hostname === 'api.github.com') return 'https://github.com';
  return `${url.origin}${url.pathname.replace(/\/api\/v3\/?$/, '').replace(/\/+$/, '')}`;
}

/**
 * The GitHub App source behind the clone steps' `RepoSource` interface: repositories with an installation id
 * are fetched from `repo_url` (or `<GitHub web URL>/<owner/repo>.git`, GHE aware) with a token minted by each
 * `gitConfig()` call, i.e. once per activity invocation. The token travels as `http.extraHeader` in the git
 * process's environment, never in the URL, argv, workflow payloads or logs. Repositories without an
 * installation id go to `fallback` (public URLs, local paths).
 */
export function createGitHubAppRepoSource(github: GitHubConfig, fallback: RepoSourceFactory): RepoSourceFactory {
  return async (repository, installationId) => {
    if (installationId == null) return fallback(repository, installationId);
    const credentials = readGitHubAppCredentials(github);
    const raw = repository.repo_url.trim() || `${gitHubWebUrl(github.apiUrl)}/${repository.github_repo_name}.git`;
    const url = new URL(raw);
    if (url.username !== '' || url.password !== '') url.username = url.password = '';
    const source: RepoSource = {
      url: url.toString(),
      isLocal: false,
      gitConfig: async () => ({
        'http.extraHeader': gitBasicAuthHeader(await createInstallationToken(credentials, installationId)),
      }),
    };
    return source;
  };
}
