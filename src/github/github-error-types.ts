/**
 * `ApplicationFailure.type` names the GitHub integration raises. Activity options list the permanent ones in
 * `nonRetryableErrorTypes` as a second guard behind `nonRetryable: true`.
 */
export const GITHUB_ERROR_TYPES = {
  /** The installation was removed or suspended, or the App's credentials are wrong (HTTP 401, or 404 on a token). */
  installationRevoked: 'InstallationRevoked',
  /** The installation may not see the repository or branch (HTTP 404 on a repository resource). */
  repoNotFound: 'RepoNotFound',
  /** The App lacks a permission (HTTP 403 that is not a rate limit). */
  permissionDenied: 'PermissionDenied',
  /** GitHub refused the request as malformed (HTTP 422) or the App is not configured. */
  invalidInput: 'InvalidInput',
  /** Rate limited, 5xx or a network error: worth retrying. */
  githubUnavailable: 'GitHubUnavailable',
} as const;

/** The permanent GitHub failure types, for `nonRetryableErrorTypes`. */
export const NON_RETRYABLE_GITHUB_ERROR_TYPES: readonly string[] = [
  GITHUB_ERROR_TYPES.installationRevoked,
  GITHUB_ERROR_TYPES.repoNotFound,
  GITHUB_ERROR_TYPES.permissionDenied,
  GITHUB_ERROR_TYPES.invalidInput,
];
