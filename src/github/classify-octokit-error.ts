import { ApplicationFailure } from '@temporalio/common';
import { ErrorType } from '../shared/errors.js';

/** What the failed call was about; it decides what a 404 means. */
export type GitHubResource = 'installation' | 'repository';

interface HttpLikeError {
  status?: unknown;
  response?: { headers?: Record<string, string | number | undefined> };
}

/**
 * The one classifier for GitHub REST errors (Octokit `RequestError`s, or anything with a numeric `status`):
 * 401, 404, 403 (not a rate limit) and 422 are permanent; rate limits are retried after the reset time; 5xx and
 * network errors are retried. The message names the status and the fix, never a token or request header.
 */
export function classifyOctokitError(error: unknown, resource: GitHubResource, what: string): ApplicationFailure {
  if (error instanceof ApplicationFailure) return error;
  const http = (error ?? {}) as HttpLikeError;
  const status = typeof http.status === 'number' ? http.status : 0;
  const headers = http.response?.headers ?? {};
  if (status === 429 || (status === 403 && String(headers['x-ratelimit-remaining']) === '0')) {
    const reset = Number(headers['x-ratelimit-reset']);
    const waitMs = Number.isFinite(reset) && reset > 0 ? Math.max(1_000, reset * 1000 - Date.now()) : 60_000;
    return ApplicationFailure.create({
      message: `GitHub rate limit reached while ${what} (HTTP ${status}); retrying in ${Math.ceil(waitMs / 1000)} s`,
      type: ErrorType.Transient,
      nextRetryDelay: waitMs,
    });
  }
  if (status === 401 || (status === 404 && resource === 'installation')) {
    return ApplicationFailure.create({
      message:
        `GitHub refused the App installation while ${what} (HTTP ${status}): it was uninstalled or suspended, or ` +
        'GITHUB_APP_ID / GITHUB_APP_PRIVATE_KEY are wrong. To fix this problem, reinstall the App or fix the credentials',
      type: ErrorType.InstallationRevoked,
      nonRetryable: true,
    });
  }
  if (status === 404)
    return permanent(
      ErrorType.RepoNotFound,
      `GitHub has no such repository or branch while ${what} (HTTP 404), or the App cannot see it. To fix this problem, grant the installation access to it`,
    );
  if (status === 403)
    return permanent(
      ErrorType.PermissionDenied,
      `GitHub denied ${what} (HTTP 403). To fix this problem, grant the App read access to contents and metadata`,
    );
  if (status === 422) return permanent(ErrorType.InvalidInput, `GitHub rejected the request while ${what} (HTTP 422)`);
  const cause = status > 0 ? `HTTP ${status}` : error instanceof Error ? error.message : String(error);
  return ApplicationFailure.create({
    message: `GitHub unavailable while ${what}: ${cause}`,
    type: ErrorType.Transient,
  });
}

function permanent(type: string, message: string): ApplicationFailure {
  return ApplicationFailure.create({ message, type, nonRetryable: true });
}
