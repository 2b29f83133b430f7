import { describe, expect, it } from 'vitest';
import { classifyPostgresError } from '../../../src/db/classify-postgres-error.js';
import { ErrorType } from '../../../src/shared/errors.js';

const pgError = (code: string) => Object.assign(new Error(`pg error ${code}`), { code });

describe('classifyPostgresError', () => {
  it.each(['40001', '40P01', '08006', '57P01', '53300', 'ECONNREFUSED'])('%s is retryable', (code) => {
    expect(classifyPostgresError(pgError(code))).toMatchObject({ type: ErrorType.Transient, nonRetryable: false });
  });

  it.each([
    ['42P01', ErrorType.SchemaMismatch],
    ['42703', ErrorType.SchemaMismatch],
    ['22P02', ErrorType.InvalidInput],
    ['23503', ErrorType.InvalidInput],
  ])('%s is the permanent %s', (code, type) => {
    expect(classifyPostgresError(pgError(code))).toMatchObject({ type, nonRetryable: true });
  });

  it('treats errors without a SQLSTATE as retryable', () => {
    expect(classifyPostgresError(new Error('socket hang up'))).toMatchObject({ nonRetryable: false });
  });
});
