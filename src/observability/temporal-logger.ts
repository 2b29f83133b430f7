import {
  LogTimestamp,
  Runtime,
  makeTelemetryFilterString,
  type LogLevel,
  type LogMetadata,
  type Logger,
} from '@temporalio/worker';
import { formatLogLine, type JsonLogger } from './create-logger.js';

/**
 * Adapts a {@link JsonLogger} to the Temporal Runtime logger. Workflow code logs through `log` from
 * `@temporalio/workflow`; those lines reach the Runtime with `workflowId`, `runId`, `workflowType`, `namespace`
 * and `taskQueue` in their metadata (activity lines with `activityId`, `activityType`, `workflowId`, `workflowRunId`)
 * and are not repeated on replay. The metadata becomes top-level JSON keys; the SDK's own timestamp is the `time`.
 */
export function createTemporalLogger(logger: JsonLogger): Logger {
  const log = (level: LogLevel, message: string, meta?: LogMetadata): void => {
    if (!logger.isEnabled(level)) return;
    const { [LogTimestamp]: nanos, ...fields } = (meta ?? {}) as LogMetadata & { [LogTimestamp]?: unknown };
    const time = typeof nanos === 'bigint' ? new Date(Number(nanos / 1_000_000n)) : logger.now();
    logger.sink.write(formatLogLine(time, level, message, { ...logger.fields, ...fields }));
  };
  return {
    log,
    trace: (m, meta) => log('TRACE', m, meta),
    debug: (m, meta) => log('DEBUG', m, meta),
    info: (m, meta) => log('INFO', m, meta),
    warn: (m, meta) => log('WARN', m, meta),
    error: (m, meta) => log('ERROR', m, meta),
  };
}

/**
 * Installs the Temporal Runtime with {@link createTemporalLogger}, core (Rust) logs forwarded to it, so every worker
 * and workflow log line is JSON. Call it once, before creating any connection or worker; returns false when a
 * Runtime was already installed (the SDK allows one per process) and leaves that one in place.
 */
export function installTemporalLogging(logger: JsonLogger): boolean {
  const core = logger.level === 'TRACE' ? 'DEBUG' : logger.level;
  try {
    Runtime.install({
      logger: createTemporalLogger(logger),
      telemetryOptions: { logging: { forward: {}, filter: makeTelemetryFilterString({ core }) } },
    });
    return true;
  } catch (error) {
    if ((error as Error).name === 'IllegalStateError') return false;
    throw error;
  }
}
