import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { classifyOctokitError } from '../../../src/github/classify-octokit-error.js';

const http = (status: number, headers: Record<string, string> = {}) =>
  Object.assign(new Error(`HTTP ${status}`), { status, response: { headers } });

describe('classifyOctokitError', () => {
  it.each([
    [401, 'installation', 'InstallationRevoked'],
    [401, 'repository', 'InstallationRevoked'],
    [404, 'installation', 'InstallationRevoked'],
    [404, 'repository', 'RepoNotFound'],
    [403, 'repository', 'PermissionDenied'],
    [422, 'repository', 'InvalidInput'],
  ] as const)('HTTP %i on %s is a permanent %s', (status, resource, type) => {
    const failure = classifyOctokitError(http(status), resource, 'doing it');
    expect(failure).toMatchObject({ type, nonRetryable: true });
    expect(failure.message).toContain(`HTTP ${status}`);
  });

  it('retries a rate limit after the reset time', () => {
    const reset = Math.floor(Date.now() / 1000) + 120;
    const failure = classifyOctokitError(
      http(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }),
      'repository',
      'x',
    );
    expect(failure).toMatchObject({ type: 'Transient', nonRetryable: false });
    expect(Number(failure.nextRetryDelay)).toBeGreaterThan(100_000);
    expect(Number(failure.nextRetryDelay)).toBeLessThanOrEqual(120_000);
    expect(classifyOctokitError(http(429), 'repository', 'x')).toMatchObject({
      type: 'Transient',
      nonRetryable: false,
    });
  });

  it('retries 5xx and network errors, and passes ApplicationFailures through', () => {
    expect(classifyOctokitError(http(502), 'installation', 'x')).toMatchObject({
      type: 'Transient',
      nonRetryable: false,
    });
    expect(classifyOctokitError(new TypeError('fetch failed'), 'installation', 'x').message).toContain('fetch failed');
    const own = ApplicationFailure.nonRetryable('mine', 'InvalidInput');
    expect(classifyOctokitError(own, 'installation', 'x')).toBe(own);
  });
});
