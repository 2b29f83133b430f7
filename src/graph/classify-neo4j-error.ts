import { ApplicationFailure } from '@temporalio/common';
import { Neo4jError, isRetryableError } from 'neo4j-driver';
import { ErrorType } from '../shared/errors.js';

const TRANSIENT_CODES = new Set(['ServiceUnavailable', 'SessionExpired']);

/**
 * The Neo4j integration's one error classifier: turns a driver error into the `ApplicationFailure` an activity
 * throws. Driver-retryable errors (transient, connection loss) are retryable `Transient`; authentication and
 * authorization errors are non-retryable `AuthenticationFailed`/`PermissionDenied`; other client errors (syntax,
 * schema, constraint) are non-retryable `SchemaMismatch`; database errors are retryable. Anything else keeps its
 * name as type and stays retryable.
 */
export function classifyNeo4jError(error: unknown): ApplicationFailure {
  if (error instanceof ApplicationFailure) return error;
  const cause = error instanceof Error ? error : new Error(String(error));
  const message = `Neo4j: ${cause.message}`;
  if (!(error instanceof Neo4jError)) {
    return ApplicationFailure.create({ message, type: cause.name, nonRetryable: false, cause });
  }
  const code = error.code;
  if (isRetryableError(error) || TRANSIENT_CODES.has(code) || code.startsWith('Neo.TransientError.')) {
    return ApplicationFailure.create({ message, type: ErrorType.Transient, nonRetryable: false, cause });
  }
  if (code.startsWith('Neo.ClientError.Security.')) {
    const type =
      code.includes('Unauthorized') || code.includes('Authentication')
        ? ErrorType.AuthenticationFailed
        : ErrorType.PermissionDenied;
    return ApplicationFailure.create({ message, type, nonRetryable: true, cause });
  }
  if (code.startsWith('Neo.ClientError.')) {
    return ApplicationFailure.create({ message, type: ErrorType.SchemaMismatch, nonRetryable: true, cause });
  }
  return ApplicationFailure.create({ message, type: ErrorType.Transient, nonRetryable: false, cause });
}
