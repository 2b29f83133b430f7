import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import {
  GitCommandError,
  GitHttpStatusError,
  MissingObjectsError,
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

  it('blobs missing from the object store are permanent, naming the first and what to do', () => {
    const one = classifyGitError(new MissingObjectsError([{ path: 'src/a b.py', oid: 'ab12' }]));
    expect(one).toMatchObject({ type: ErrorType.RepoIncomplete, nonRetryable: true });
    expect(one.message).toMatch(/^"src\/a b\.py" \(blob ab12\) is missing from the repository's object store/);
    expect(one.message).toContain("To fix this problem, repair the source repository: 'git fsck'");
    const three = new MissingObjectsError([
      { path: 'a', oid: '1' },
      { path: 'b', oid: '2' },
      { path: 'c', oid: '3' },
    ]);
    expect(three.message).toMatch(/^"a" \(blob 1\) and 2 more file\(s\) are missing/);
  });

  it('a fetch from a source that lacks an object is permanent too', () => {
    const stderr = "fatal: missing blob object 'abd85abf'\nerror: remote did not send all necessary objects";
    expect(classifyGitError(new GitCommandError('fetch', 1, stderr))).toMatchObject({
      type: ErrorType.RepoIncomplete,
      nonRetryable: true,
    });
  });

  it('a missing branch is permanent', () => {
    expect(classifyGitError(new RefNotFoundError('refs/heads/nope'))).toMatchObject({
      type: ErrorType.BranchNotFound,
      nonRetryable: true,
    });
  });

  it('a failed git command that names no permanent cause stays retryable, whatever numbers it mentions', () => {
    const error = new GitCommandError('fetch', 128, 'fatal: unable to access: 404 not found, 401 unauthorized');
    expect(classifyGitError(error)).toMatchObject({ type: ErrorType.Transient, nonRetryable: false });
    const lock = new GitCommandError('fetch', 128, "fatal: Unable to create '/m/shallow.lock': File exists.");
    expect(classifyGitError(lock)).toMatchObject({ type: ErrorType.Transient, nonRetryable: false });
  });

  it.each([
    [
      'fatal: remote error: upload-pack: not our ref 1234567890123456789012345678901234567890',
      ErrorType.BranchNotFound,
    ],
    ["fatal: couldn't find remote ref refs/heads/nope", ErrorType.BranchNotFound],
    ["fatal: ambiguous argument 'abc': unknown revision or path not in the working tree.", ErrorType.BranchNotFound],
    ["remote: Repository not found.\nfatal: repository 'https://host/o/r.git/' not found", ErrorType.RepoNotFound],
    ["fatal: '/srv/nope' does not appear to be a git repository", ErrorType.RepoNotFound],
    ["fatal: Authentication failed for 'https://host/o/r.git/'", ErrorType.AuthenticationFailed],
    ["fatal: could not read Username for 'https://host': terminal prompts disabled", ErrorType.AuthenticationFailed],
    ['git@host: Permission denied (publickey).', ErrorType.AuthenticationFailed],
  ])('git saying %j is the permanent %s', (stderr, type) => {
    const failure = classifyGitError(new GitCommandError('fetch', 128, stderr));
    expect(failure).toMatchObject({ type, nonRetryable: true });
    expect(failure.message).toContain('To fix this problem');
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
