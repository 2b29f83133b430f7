import { LogTimestamp } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { createLogger, parseLogLevel } from '../../../src/observability/create-logger.js';
import { createTemporalLogger } from '../../../src/observability/temporal-logger.js';

function capture() {
  const lines: string[] = [];
  return {
    lines,
    sink: { write: (line: string) => lines.push(line) },
    parsed: () => lines.map((l) => JSON.parse(l) as unknown),
  };
}

const now = () => new Date('2026-11-22T01:02:03.456Z');

describe('createLogger', () => {
  it('writes one JSON object per line with time, level, message and context fields', () => {
    const out = capture();
    const logger = createLogger({ sink: out.sink, now, fields: { service: 'worker' } });
    logger.info('indexed', { repo: 'octo/hello', files: 3 });
    expect(out.lines).toEqual([
      '{"time":"2026-11-22T01:02:03.456Z","level":"info","message":"indexed","service":"worker","repo":"octo/hello","files":3}\n',
    ]);
  });

  it('drops lines below its level and keeps the rest', () => {
    const out = capture();
    const logger = createLogger({ sink: out.sink, now, level: 'WARN' });
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(out.parsed()).toMatchObject([{ level: 'warn' }, { level: 'error' }]);
    expect(logger.isEnabled('INFO')).toBe(false);
  });

  it('adds child fields, serialises errors, bigints and cycles, and protects reserved keys', () => {
    const out = capture();
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const child = createLogger({ sink: out.sink, now, fields: { a: 1 } }).child({ b: 2 });
    child.error('failed', { error: new Error('boom'), big: 10n ** 20n, cyclic, message: 'shadow', skipped: undefined });
    const [line] = out.parsed() as Record<string, unknown>[];
    expect(line).toMatchObject({
      level: 'error',
      message: 'failed',
      a: 1,
      b: 2,
      big: '100000000000000000000',
      cyclic: { name: 'loop', self: '[Circular]' },
      field_message: 'shadow',
      error: { name: 'Error', message: 'boom' },
    });
    expect(line).not.toHaveProperty('skipped');
  });

  it('parses level names in any case', () => {
    expect(parseLogLevel('debug')).toBe('DEBUG');
    expect(() => parseLogLevel('loud')).toThrow(/use one of TRACE, DEBUG, INFO, WARN, ERROR/);
  });
});

describe('createTemporalLogger', () => {
  it('turns Temporal metadata into top-level fields and uses the SDK timestamp', () => {
    const out = capture();
    const temporal = createTemporalLogger(createLogger({ sink: out.sink, now, fields: { service: 'worker' } }));
    const nanos = BigInt(Date.parse('2026-11-22T00:00:01.500Z')) * 1_000_000n;
    temporal.info('Workflow started', {
      workflowId: 'wf-1',
      runId: 'run-1',
      sdkComponent: 'workflow',
      [LogTimestamp]: nanos,
    });
    temporal.debug('hidden');
    expect(out.parsed()).toEqual([
      {
        time: '2026-11-22T00:00:01.500Z',
        level: 'info',
        message: 'Workflow started',
        service: 'worker',
        workflowId: 'wf-1',
        runId: 'run-1',
        sdkComponent: 'workflow',
      },
    ]);
  });
});
