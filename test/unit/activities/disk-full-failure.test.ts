import { describe, expect, it } from 'vitest';
import { diskFullFailure } from '../../../src/activities/disk-full-failure.js';
import { GitCommandError } from '../../../src/git/classify-git-error.js';
import { ErrorType } from '../../../src/shared/errors.js';

function errno(code: string, message: string, path?: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code, path });
}

describe('diskFullFailure', () => {
  it('turns ENOSPC into a non-retryable DiskFull that names the file and the fix', () => {
    const failure = diskFullFailure(errno('ENOSPC', 'ENOSPC: no space left on device, open', '/w/run/a.py'));
    expect(failure?.type).toBe(ErrorType.DiskFull);
    expect(failure?.nonRetryable).toBe(true);
    expect(failure?.message).toMatch(/^No space left on device writing \/w\/run\/a\.py \(ENOSPC/);
    expect(failure?.message).toContain('REPOGRAPH_WORK_DIR');
  });

  it('finds a full disk among the causes and in what git says', () => {
    const wrapped = new Error('parse failed', { cause: errno('ENOSPC', 'ENOSPC: no space left on device, write') });
    expect(diskFullFailure(wrapped)?.message).toMatch(/^No space left on device in the work or mirror directory/);
    const git = new GitCommandError('fetch', 128, 'fatal: write error: No space left on device\n');
    expect(diskFullFailure(git)?.type).toBe(ErrorType.DiskFull);
  });

  it('leaves every other error to the integration classifiers', () => {
    expect(diskFullFailure(errno('ENOENT', 'gone'))).toBeNull();
    expect(diskFullFailure(new GitCommandError('fetch', 128, 'fatal: not our ref'))).toBeNull();
    expect(diskFullFailure('a string')).toBeNull();
  });
});
