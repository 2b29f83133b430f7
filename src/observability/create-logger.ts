/** Log levels, least to most severe; the names Temporal uses. */
export const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'] as const;

/** One of {@link LOG_LEVELS}. */
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** Context fields of a log line; nested values are serialised as JSON. */
export type LogFields = Record<string, unknown>;

/** Where log lines go: anything with a `write(string)` (process.stdout by default). */
export interface LogSink {
  write(line: string): unknown;
}

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Lines below this level are dropped; default `INFO`. */
  level?: LogLevelName;
  /** Default `process.stdout`. */
  sink?: LogSink;
  /** Fields on every line (e.g. `{ service: 'worker' }`). */
  fields?: LogFields;
  /** Clock for the `time` field; default `() => new Date()`. */
  now?: () => Date;
}

/**
 * A structured logger writing one JSON object per line: `time` (ISO 8601), `level` (lower case), `message`, then
 * the context fields. Its methods match Temporal's `Logger` interface, so it can be handed to the SDK as is.
 */
export interface JsonLogger {
  readonly level: LogLevelName;
  /** Fields written on every line. */
  readonly fields: Readonly<LogFields>;
  readonly sink: LogSink;
  readonly now: () => Date;
  log(level: LogLevelName, message: string, fields?: LogFields): void;
  trace(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line (child fields win over the parent's). */
  child(fields: LogFields): JsonLogger;
  /** Whether a line at `level` would be written. */
  isEnabled(level: LogLevelName): boolean;
}

const RESERVED = new Set(['time', 'level', 'message']);

function plain(value: unknown, seen: WeakSet<object>): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Error) {
    const cause = (value as { cause?: unknown }).cause;
    return {
      name: value.name,
      message: value.message,
      stack: value.stack,
      ...(cause == null ? {} : { cause: plain(cause, seen) }),
    };
  }
  if (value == null || typeof value !== 'object')
    return typeof value === 'function' || typeof value === 'symbol' ? String(value) : value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => plain(v, seen));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v, seen)]));
}

/** Renders one log line (with the trailing newline); context keys named time/level/message get a `field_` prefix. */
export function formatLogLine(time: Date, level: LogLevelName, message: string, fields: LogFields): string {
  const line: Record<string, unknown> = { time: time.toISOString(), level: level.toLowerCase(), message };
  const seen = new WeakSet<object>();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    line[RESERVED.has(key) ? `field_${key}` : key] = plain(value, seen);
  }
  return `${JSON.stringify(line)}\n`;
}

/** Creates a {@link JsonLogger}. */
export function createLogger(options: LoggerOptions = {}): JsonLogger {
  const level = options.level ?? 'INFO';
  const sink = options.sink ?? process.stdout;
  const base = options.fields ?? {};
  const now = options.now ?? (() => new Date());
  const threshold = LOG_LEVELS.indexOf(level);
  const isEnabled = (l: LogLevelName): boolean => LOG_LEVELS.indexOf(l) >= threshold;
  const log = (l: LogLevelName, message: string, fields: LogFields = {}): void => {
    if (isEnabled(l)) sink.write(formatLogLine(now(), l, message, { ...base, ...fields }));
  };
  return {
    level,
    fields: base,
    sink,
    now,
    log,
    isEnabled,
    trace: (m, f) => log('TRACE', m, f),
    debug: (m, f) => log('DEBUG', m, f),
    info: (m, f) => log('INFO', m, f),
    warn: (m, f) => log('WARN', m, f),
    error: (m, f) => log('ERROR', m, f),
    child: (fields) => createLogger({ level, sink, now, fields: { ...base, ...fields } }),
  };
}

/** Reads a level name (any case) or throws with the accepted names. */
export function parseLogLevel(text: string): LogLevelName {
  const upper = text.trim().toUpperCase();
  const level = LOG_LEVELS.find((l) => l === upper);
  if (level == null) throw new Error(`unknown log level "${text}"; use one of ${LOG_LEVELS.join(', ')}`);
  return level;
}
