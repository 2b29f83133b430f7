import { ApplicationFailure } from '@temporalio/common';
import { GitError } from 'simple-git';
import { ErrorType, type ErrorTypeName } from '../shared/errors.js';

/**
 * A git command exited non-zero; `exitCode` is what the classification uses, `stderr` is for people. Extends
 * simple-git's GitError so simple-git passes it through unwrapped.
 */
export class GitCommandError extends GitError {
  override name = 'GitCommandError';
  constructor(
    readonly command: string,
    readonly exitCode: number,
    readonly stderr: string,
  ) {
    super(undefined, `git ${command} exited with ${exitCode}: ${stderr.trim().slice(0, 500)}`);
  }
}

/** The git host answered the smart-HTTP probe with a non-success HTTP status. */
export class GitHttpStatusError extends Error {
  override name = 'GitHttpStatusError';
  constructor(
    readonly url: string,
    readonly status: number,
  ) {
    super(`${url} answered HTTP ${status}`);
  }
}

/** `git ls-remote --exit-code` found no ref: the branch does not exist. */
export class RefNotFoundError extends Error {
  override name = 'RefNotFoundError';
  constructor(readonly ref: string) {
    super(`No ref ${ref} in the repository`);
  }
}

/**
 * The commit's tree names blobs the object store does not have: a partial clone (`--filter`), or a repository that
 * lost objects. Reading the same store again cannot help; the repository must be repaired.
 */
export class MissingObjectsError extends Error {
  override name = 'MissingObjectsError';
  constructor(readonly missing: readonly { path: string; oid: string }[]) {
    const [first] = missing;
    const files = missing.length > 1 ? ` and ${missing.length - 1} more file(s) are` : ' is';
    super(
      `${JSON.stringify(first?.path)} (blob ${first?.oid})${files} missing from the repository's object store ` +
        '(a partial or damaged clone), so the commit cannot be read',
    );
  }
}

function typeOfHttpStatus(status: number): ErrorTypeName {
  if (status === 401) return ErrorType.AuthenticationFailed;
  if (status === 403) return ErrorType.PermissionDenied;
  if (status === 404 || status === 410) return ErrorType.RepoNotFound;
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) return ErrorType.InvalidInput;
  return ErrorType.Transient;
}

const HOWTO: Partial<Record<ErrorTypeName, string>> = {
  [ErrorType.AuthenticationFailed]: 'check the URL; private repositories need the GitHub App source',
  [ErrorType.PermissionDenied]: 'grant the credentials read access to the repository',
  [ErrorType.RepoNotFound]: 'check the repository URL or path',
  [ErrorType.BranchNotFound]: 'check the branch name (--branch) or the commit SHA',
  [ErrorType.RepoIncomplete]:
    "repair the source repository: 'git fsck' lists what is missing; fetch the objects, or clone it again " +
    'without --filter (or index its URL instead), then index again',
};

/**
 * What git itself says, on stderr, when a command can never succeed as asked. git exits 128 for nearly every
 * fatal error, permanent or not, so these fixed phrases of git and its transports are the only signal there is.
 * Anything else (network, lock, damaged local state) stays retryable.
 */
const PERMANENT_GIT_MESSAGES: readonly (readonly [RegExp, ErrorTypeName])[] = [
  [/\bnot our ref\b/i, ErrorType.BranchNotFound],
  [/\bmissing (blob|tree) object\b/i, ErrorType.RepoIncomplete],
  [/\bcouldn't find remote ref\b/i, ErrorType.BranchNotFound],
  [/\bunknown revision\b/i, ErrorType.BranchNotFound],
  [/\bremote branch \S+ not found\b/i, ErrorType.BranchNotFound],
  [/\brepository '[^']*' not found\b/i, ErrorType.RepoNotFound],
  [/\bdoes not appear to be a git repository\b/i, ErrorType.RepoNotFound],
  [/\bauthentication failed\b/i, ErrorType.AuthenticationFailed],
  [/\bcould not read (username|password)\b/i, ErrorType.AuthenticationFailed],
  [/\bterminal prompts disabled\b/i, ErrorType.AuthenticationFailed],
  [/\bpermission denied \(publickey/i, ErrorType.AuthenticationFailed],
];

/** The permanent type git's own message names for a failed command, or null when it names none. */
export function permanentGitErrorType(stderr: string): ErrorTypeName | null {
  for (const [pattern, type] of PERMANENT_GIT_MESSAGES) if (pattern.test(stderr)) return type;
  return null;
}

/**
 * The git integration's one classifier: turns clone-side errors into ApplicationFailures. The probe's HTTP status
 * and `ls-remote`'s exit code decide where there is one; a failed git command is permanent when git's message
 * says so (an unknown commit, a missing repository, refused credentials) and retryable otherwise, as are errors
 * of unknown kind.
 */
export function classifyGitError(error: unknown): ApplicationFailure {
  if (error instanceof ApplicationFailure) return error;
  let type: ErrorTypeName = ErrorType.Transient;
  if (error instanceof RefNotFoundError) type = ErrorType.BranchNotFound;
  else if (error instanceof GitHttpStatusError) type = typeOfHttpStatus(error.status);
  else if (error instanceof MissingObjectsError) type = ErrorType.RepoIncomplete;
  else if (error instanceof GitCommandError) type = permanentGitErrorType(error.stderr) ?? ErrorType.Transient;
  const message = error instanceof Error ? error.message : String(error);
  const how = HOWTO[type];
  return ApplicationFailure.create({
    type,
    message: how == null ? message : `${message}. To fix this problem, ${how}`,
    nonRetryable: type !== ErrorType.Transient,
    cause: error instanceof Error ? error : undefined,
  });
}
