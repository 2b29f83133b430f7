import { ApplicationFailure } from '@temporalio/common';
import { GitCommandError } from '../git/classify-git-error.js';
import { ErrorType } from '../shared/errors.js';

function fullDiskCause(error: unknown): Error | null {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if ((e as NodeJS.ErrnoException).code === 'ENOSPC') return e;
    // git reports a full disk only in its message; its exit code (128) is the one of every fatal error.
    if (e instanceof GitCommandError && /No space left on device/i.test(e.stderr)) return e;
  }
  return null;
}

/**
 * The failure of a step that ran out of disk space (`ENOSPC` from Node, or git saying so), or null for any other
 * error: non-retryable `DiskFull`, naming the file it could not write and what to change, so the run fails at
 * once with a message an operator can act on instead of retrying into the same full disk.
 */
export function diskFullFailure(error: unknown): ApplicationFailure | null {
  const cause = fullDiskCause(error);
  if (cause == null) return null;
  const where = (cause as NodeJS.ErrnoException).path;
  // No `cause`: the step's message is its root cause's, and this one is the message that says what to do.
  return ApplicationFailure.create({
    type: ErrorType.DiskFull,
    nonRetryable: true,
    message:
      `No space left on device ${where == null ? 'in the work or mirror directory' : `writing ${where}`} ` +
      `(${cause.message.split('\n')[0]}). To fix this problem, free space on that filesystem or point ` +
      'REPOGRAPH_WORK_DIR (clones) or REPOGRAPH_MIRROR_DIR (mirrors) at a larger one',
  });
}
