import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import {
  GitCommandError,
  GitHttpStatusError,
  RefNotFoundError,
  classifyGitError,
} from '../../../src/git/classify-git-error.js';
import { ErrorType } from '../../../src/shared/errors.js';

describe('classifyGitError', () => {
  it.each([
    [401, ErrorType.AuthenticationFailed],
    [403, ErrorType.PermissionDenied],
    [404, ErrorType.RepoNotFound],
    [400, ErrorType.InvalidInput],
  ])('HTTP %i is the permanent %s', (status, type) => {
    const failure = classifyGitError(new GitHttpStatusError('https://example.test/r.git', status));
    expect(failure).toMatchObject({ type, nonRetryable: true });
  });

  it.each([500, 502, 503, 429, 408])('HTTP %i is retryable', (status) => {
    expect(classifyGitError(new GitHttpStatusError('https://example.test/r.git', status))).toMatchObject({
      type: ErrorType.Transient,
      nonRetryable: false,
    });
  });

  it('a missing branch is permanent', () => {
    expect(classifyGitError(new RefNotFoundError('refs/heads/nope'))).toMatchObject({
      type: ErrorType.BranchNotFound,
      nonRetryable: true,
    });
  });

  it('never decides by message text: a git failure mentioning 404 and "not found" stays retryable', () => {
    const error = new GitCommandError('fetch', 128, 'fatal: unable to access: 404 not found, 401 unauthorized');
    expect(classifyGitError(error)).toMatchObject({ type: ErrorType.Transient, nonRetryable: false });
  });

  it('network errors are retryable', () => {
    const error = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
    });
    expect(classifyGitError(error)).toMatchObject({ type: ErrorType.Transient, nonRetryable: false });
  });

  it('passes ApplicationFailures through unchanged', () => {
    const failure = ApplicationFailure.create({ type: ErrorType.InvalidInput, nonRetryable: true, message: 'x' });
    expect(classifyGitError(failure)).toBe(failure);
  });
});
