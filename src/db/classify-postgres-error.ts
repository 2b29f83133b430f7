import { ApplicationFailure } from '@temporalio/common';
import { ErrorType, type ErrorTypeName } from '../shared/errors.js';

const TRANSIENT_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

/** Maps a SQLSTATE (or Node socket error code) to an error type; null when the code says nothing. */
export function postgresErrorType(code: string | undefined): ErrorTypeName | null {
  if (code == null) return null;
  if (TRANSIENT_NODE_CODES.has(code)) return ErrorType.Transient;
  if (code === '40001' || code === '40P01' || code === '55P03') return ErrorType.Transient;
  // 08: connection exceptions; 53: insufficient resources; 57: operator intervention (admin shutdown…).
  if (/^(08|53|57)/.test(code)) return ErrorType.Transient;
  if (code.startsWith('42')) return ErrorType.SchemaMismatch;
  if (code.startsWith('22') || code.startsWith('23')) return ErrorType.InvalidInput;
  return null;
}

/**
 * The Postgres integration's one classifier, by SQLSTATE (`error.code` from pg): serialization failures,
 * deadlocks and connection loss are retryable; syntax/schema (42), data (22) and constraint (23) errors are
 * not. Anything unrecognised is retryable.
 */
export function classifyPostgresError(error: unknown): ApplicationFailure {
  if (error instanceof ApplicationFailure) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const type = postgresErrorType(typeof code === 'string' ? code : undefined) ?? ErrorType.Transient;
  const message = error instanceof Error ? error.message : String(error);
  return ApplicationFailure.create({
    type,
    message: `Postgres: ${message}${typeof code === 'string' ? ` (SQLSTATE ${code})` : ''}`,
    nonRetryable: type !== ErrorType.Transient,
    cause: error instanceof Error ? error : undefined,
  });
}

/** Whether `error` came from PostgreSQL or its client (a SQLSTATE, or a socket error of the pg client). */
export function isPostgresError(error: unknown): boolean {
  if (error == null || typeof error !== 'object') return false;
  const e = error as { severity?: unknown; code?: unknown; constructor?: { name?: string } };
  return typeof e.severity === 'string' || e.constructor?.name === 'DatabaseError';
}
