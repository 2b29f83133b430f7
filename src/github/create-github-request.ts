import { request } from '@octokit/request';

/** The Octokit request function type, bound to a base URL and optionally a token. */
export type GitHubRequest = typeof request;

/** Per-request time limit; GitHub answers token and metadata calls in well under a second. */
export const GITHUB_REQUEST_TIMEOUT_MS = 30_000;

/**
 * An Octokit `request` bound to `apiUrl` (github.com or a GitHub Enterprise `/api/v3` URL) with a time limit, and
 * with `Authorization: token <token>` when a token is given. Build one per activity invocation: it holds the token.
 */
export function createGitHubRequest(apiUrl: string, token?: string): GitHubRequest {
  return request.defaults({
    baseUrl: apiUrl.replace(/\/+$/, ''),
    headers: {
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      ...(token == null ? {} : { authorization: `token ${token}` }),
    },
    request: { signal: AbortSignal.timeout(GITHUB_REQUEST_TIMEOUT_MS) },
  });
}
