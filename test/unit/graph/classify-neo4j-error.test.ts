import { ApplicationFailure } from '@temporalio/common';
import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { classifyNeo4jError } from '../../../src/graph/classify-neo4j-error.js';

function neo4jError(code: string): Neo4jError {
  return new Neo4jError(`failure ${code}`, code, '50N42', 'error: general processing exception');
}

describe('classifyNeo4jError', () => {
  it.each([
    ['Neo.TransientError.Transaction.DeadlockDetected', 'Transient', false],
    ['ServiceUnavailable', 'Transient', false],
    ['SessionExpired', 'Transient', false],
    ['Neo.ClientError.Statement.SyntaxError', 'SchemaMismatch', true],
    ['Neo.ClientError.Schema.ConstraintValidationFailed', 'SchemaMismatch', true],
    ['Neo.ClientError.Security.Unauthorized', 'AuthenticationFailed', true],
    ['Neo.ClientError.Security.Forbidden', 'PermissionDenied', true],
    ['Neo.DatabaseError.General.UnknownError', 'Transient', false],
  ])('%s → %s (non-retryable: %s)', (code, type, nonRetryable) => {
    const failure = classifyNeo4jError(neo4jError(code));
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure.type).toBe(type);
    expect(failure.nonRetryable).toBe(nonRetryable);
    expect(failure.message).toContain(code);
  });

  it('keeps an ApplicationFailure and names other errors by their class', () => {
    const existing = ApplicationFailure.nonRetryable('already classified', 'InvalidInput');
    expect(classifyNeo4jError(existing)).toBe(existing);
    const other = classifyNeo4jError(new TypeError('bad row'));
    expect(other.type).toBe('TypeError');
    expect(other.nonRetryable).toBe(false);
  });
});
