/**
 * Names of the failures repograph tells apart. Each is the `type` of the `ApplicationFailure` an activity throws,
 * so retry policies can list the permanent ones in `nonRetryableErrorTypes`. Workflow-safe: no imports.
 */
export const ErrorType = {
  /** The workflow or activity input cannot be used (bad URL, missing field). */
  InvalidInput: 'InvalidInput',
  /** The repository does not exist or is not visible with the credentials at hand. */
  RepoNotFound: 'RepoNotFound',
  /** The branch or commit to index does not exist in the repository. */
  BranchNotFound: 'BranchNotFound',
  /** The git host refused the credentials. */
  AuthenticationFailed: 'AuthenticationFailed',
  /** The GitHub App installation was removed or suspended. */
  InstallationRevoked: 'InstallationRevoked',
  /** Authenticated, but not allowed to read the repository. */
  PermissionDenied: 'PermissionDenied',
  /** The database schema or a query does not match what the code expects (SQL classes 42, 22; Neo4j ClientError). */
  SchemaMismatch: 'SchemaMismatch',
  /** The repository lacks objects its commit needs (a partial or damaged clone); it must be repaired first. */
  RepoIncomplete: 'RepoIncomplete',
  /** The disk under the work or mirror directory is full; a retry on the same host would only fill it again. */
  DiskFull: 'DiskFull',
  /** A transient failure: network, lock conflict, unavailable service. Retried. */
  Transient: 'Transient',
} as const;

/** One of the {@link ErrorType} names. */
export type ErrorTypeName = (typeof ErrorType)[keyof typeof ErrorType];

/** Failures that never succeed on retry; repeated in every retry policy as a second guard. */
export const NON_RETRYABLE_ERROR_TYPES: readonly ErrorTypeName[] = [
  ErrorType.InvalidInput,
  ErrorType.RepoNotFound,
  ErrorType.BranchNotFound,
  ErrorType.AuthenticationFailed,
  ErrorType.InstallationRevoked,
  ErrorType.PermissionDenied,
  ErrorType.SchemaMismatch,
  ErrorType.RepoIncomplete,
  ErrorType.DiskFull,
];
