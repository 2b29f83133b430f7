import { ApplicationFailure } from '@temporalio/common';
import type { GitHubConfig } from '../config/read-config.js';
import { ErrorType } from '../shared/errors.js';

/** What minting an installation token needs: the App's id and private key, and the REST base URL (GHE). */
export interface GitHubAppCredentials {
  appId: string;
  privateKey: string;
  apiUrl: string;
}

/** Takes the App credentials from the config, failing permanently with the fix when they are missing. */
export function readGitHubAppCredentials(github: GitHubConfig): GitHubAppCredentials {
  if (github.appId == null || github.privateKey == null) {
    throw ApplicationFailure.create({
      message:
        'the GitHub App is not configured. To fix this problem, set GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY ' +
        '(PEM, literal \\n allowed) for the worker',
      type: ErrorType.InvalidInput,
      nonRetryable: true,
    });
  }
  return { appId: github.appId, privateKey: github.privateKey, apiUrl: github.apiUrl };
}
