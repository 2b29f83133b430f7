import os from 'node:os';
import path from 'node:path';
import { hostAndPort } from './host-and-port.js';

/** Temporal connection and queue settings. */
export interface TemporalConfig {
  /** `TEMPORAL_ADDRESS`, default `127.0.0.1:7233`. */
  address: string;
  /** `TEMPORAL_NAMESPACE`, default `default`. */
  namespace: string;
  /** `TEMPORAL_TASK_QUEUE`, default `repo-indexing-queue`. */
  taskQueue: string;
  /**
   * `TEMPORAL_UI_URL`, printed for people, never called; default `http://127.0.0.1:<TEMPORAL_UI_PORT>`, the port
   * the local stack gives the UI (default the port of `TEMPORAL_ADDRESS` + 1000, so 8233).
   */
  uiUrl: string;
}

/** Neo4j connection settings. An empty password means auth off (the local stack's default). */
export interface Neo4jConfig {
  /** `NEO4J_URI`, default `bolt://127.0.0.1:7687`. */
  uri: string;
  /** `NEO4J_USERNAME`, default `neo4j`. */
  username: string;
  /** `NEO4J_PASSWORD`, default empty (auth off on loopback). */
  password: string;
  /** `NEO4J_DATABASE`, default `neo4j`. */
  database: string;
  /**
   * `NEO4J_BROWSER_URL`, default `http://127.0.0.1:<NEO4J_HTTP_PORT>/browser/`, the local stack's HTTP port
   * (default 7474).
   */
  browserUrl: string;
  /** `NEO4J_BATCH_SIZE`, rows per UNWIND batch, default 2000 (chosen by `npm run bench:graph`). */
  batchSize: number;
}

/** PostgreSQL settings. */
export interface PostgresConfig {
  /** `DATABASE_URL`, default `postgres://postgres@127.0.0.1:55432/repograph`. */
  url: string;
}

/** GitHub App settings; all optional until the App source is used. */
export interface GitHubConfig {
  /** `GITHUB_APP_ID`. */
  appId: string | null;
  /** `GITHUB_APP_PRIVATE_KEY` (PEM; literal `\n` sequences are turned into newlines). */
  privateKey: string | null;
  /** `GITHUB_WEBHOOK_SECRET`. */
  webhookSecret: string | null;
  /** `GITHUB_API_URL`, default `https://api.github.com` (set it for GitHub Enterprise). */
  apiUrl: string;
  /** `GITHUB_PUSH_BRANCHES`, comma-separated branches indexed on push besides each default branch; default none. */
  pushBranches: string[];
}

/** What an API client may do: `index` starts runs (`POST /api/index`), `read` reads runs and their events. */
export type ApiScope = 'index' | 'read';

/** Every {@link ApiScope}, the scopes of the client `API_TOKEN` defines. */
export const API_SCOPES: readonly ApiScope[] = ['index', 'read'];

/** One client of `/api/*`: a name for logs and error messages, its bearer token and what it may do. */
export interface ApiClientConfig {
  name: string;
  token: string;
  scopes: readonly ApiScope[];
}

/** The HTTP server of `repograph serve` (webhooks and the API). */
export interface ServerConfig {
  /** `SERVER_HOST`, default `127.0.0.1`. */
  host: string;
  /** `SERVER_PORT`, default 8080. */
  port: number;
  /**
   * The clients of `/api/*`: `API_TOKENS` (`name:token:scope,scope;…`, scopes from {@link API_SCOPES}) plus, when
   * set, `API_TOKEN` as the client `default` with every scope. None means `/api/*` answers 503.
   */
  apiClients: readonly ApiClientConfig[];
  /**
   * `API_ALLOW_LOCAL_SOURCES`, default false: whether `POST /api/index` may name local paths and `file://` URLs,
   * which make a worker read its own disk.
   */
  apiAllowLocalSources: boolean;
  /**
   * `API_SOURCE_HOSTS`, comma-separated, default `github.com`: the hosts `POST /api/index` may name in a URL
   * source without a GitHub App installation (App sources use the clone URL GitHub reports).
   */
  apiSourceHosts: readonly string[];
  /**
   * `WEBHOOK_REPLY_BUDGET_MS`, default 5000: how long a webhook answer waits for its workflow start before it
   * says 202 and leaves the start to the outbox dispatcher (GitHub gives up on a delivery after 10 s).
   */
  webhookReplyBudgetMs: number;
  /**
   * `WEBHOOK_DISPATCH_LEASE_MS`, default 30000: how long one server holds an outbox row it is starting; a server
   * that died holding it releases it after this long, and another takes it.
   */
  dispatchLeaseMs: number;
}

/** Repository walk and parser limits. */
export interface ParserConfig {
  /** `PARSE_MAX_FILE_BYTES`, files above it get no symbols' full pass (parity: 1 MB). */
  maxFileBytes: number;
  /** `PARSE_MAX_ABSOLUTE_FILE_BYTES`, files above it are skipped (parity: 10 MB). */
  maxAbsoluteFileBytes: number;
  /** `PARSE_MAX_SYMBOLS_PER_FILE`, default 500 (parity). */
  maxSymbolsPerFile: number;
  /** `PARSE_FILE_TIMEOUT_MS`, per-file parse budget, default 10000. */
  fileTimeoutMs: number;
  /** `PARSE_THREADS`, worker threads, default the number of cores. */
  threads: number;
  /** `PARSE_EXCLUDED_DIRS`, comma-separated extra directory names to skip. */
  extraExcludedDirs: string[];
}

/** Metrics and logs of the worker and the server. */
export interface ObservabilityConfig {
  /** `METRICS_PORT`: the worker serves Prometheus `/metrics` on this port when set; default unset (no endpoint). */
  metricsPort: number | null;
  /** `METRICS_HOST`, interface of the worker's `/metrics`, default `127.0.0.1`. */
  metricsHost: string;
  /** `LOG_LEVEL`: `TRACE`, `DEBUG`, `INFO`, `WARN` or `ERROR` (any case), default `INFO`. */
  logLevel: 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /**
   * OTLP/HTTP traces URL: `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, else `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces`;
   * default unset, which turns tracing off.
   */
  tracesEndpoint: string | null;
  /** `OTEL_SERVICE_NAME`, `service.name` of the spans, default `repograph-worker`. */
  serviceName: string;
}

/** Where runs keep their clones and intermediate files. */
export interface WorkConfig {
  /** `REPOGRAPH_WORK_DIR`, default `<os tmpdir>/repograph`. */
  workDir: string;
  /** `STALE_TTL_DAYS`, default 7. */
  staleTtlDays: number;
  /**
   * `REPOGRAPH_WORKER_ID`, default the host name: names this host's worker-specific task queue
   * (`<task queue>@<id>`), so a worker restarted on the same host resumes the steps that read its clones.
   */
  workerId: string;
  /** `REPOGRAPH_MIRROR_DIR`, default `<os tmpdir>/repograph-mirrors`: the worker's cache of bare mirrors. */
  mirrorDir: string;
  /** `REPOGRAPH_MIRROR_MAX_BYTES`, default 10 GiB: past it, the least recently used mirrors are deleted. */
  mirrorMaxBytes: number;
  /** `PARSE_CACHE_TTL_DAYS`, default 30: parse results no run has used for this long are deleted. */
  parseCacheTtlDays: number;
}

/** Everything repograph reads from its environment, frozen. */
export interface Config {
  temporal: TemporalConfig;
  neo4j: Neo4jConfig;
  postgres: PostgresConfig;
  github: GitHubConfig;
  server: ServerConfig;
  parser: ParserConfig;
  work: WorkConfig;
  observability: ObservabilityConfig;
}

/** Thrown when an environment variable has a value repograph cannot use. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

function str(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const value = env[name];
  return value == null || value.trim() === '' ? fallback : value.trim();
}

function optional(env: NodeJS.ProcessEnv, name: string): string | null {
  const value = env[name];
  return value == null || value.trim() === '' ? null : value;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw == null || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new ConfigError(
      `${name} must be a positive whole number, got "${raw}". To fix this problem, set it to e.g. ${fallback}.`,
    );
  }
  return value;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = str(env, name, String(fallback)).toLowerCase();
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(
    `${name} must be true or false, got "${env[name]}". To fix this problem, set it to ${fallback}.`,
  );
}

function list(env: NodeJS.ProcessEnv, name: string, fallback: string): string[] {
  return str(env, name, fallback)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function apiClients(env: NodeJS.ProcessEnv): ApiClientConfig[] {
  const clients: ApiClientConfig[] = [];
  const single = optional(env, 'API_TOKEN')?.trim();
  if (single != null) clients.push({ name: 'default', token: single, scopes: API_SCOPES });
  for (const entry of str(env, 'API_TOKENS', '')
    .split(';')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [name = '', token = '', scopeList = '', ...rest] = entry.split(':');
    const scopes = scopeList
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = scopes.filter((scope) => !(API_SCOPES as readonly string[]).includes(scope));
    if (name === '' || token === '' || scopes.length === 0 || rest.length > 0 || unknown.length > 0) {
      throw new ConfigError(
        `API_TOKENS entry "${name || '?'}" must be name:token:scope[,scope] with scopes from ${API_SCOPES.join(', ')}` +
          `${unknown.length > 0 ? ` (unknown: ${unknown.join(', ')})` : ''}. To fix this problem, write e.g. ci:s3cret:index,read.`,
      );
    }
    if (clients.some((c) => c.name === name || c.token === token)) {
      throw new ConfigError(
        `API_TOKENS names the client or token of "${name}" twice. To fix this problem, give each client its own name and token.`,
      );
    }
    clients.push({ name, token, scopes: scopes as ApiScope[] });
  }
  return clients;
}

/** Reads the configuration from `env` (default `process.env`); the only place that reads the environment. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const temporalAddress = str(env, 'TEMPORAL_ADDRESS', '127.0.0.1:7233');
  // The links people follow point where scripts/stack puts the UIs when it moves the services to other ports.
  const temporalUiPort = int(env, 'TEMPORAL_UI_PORT', hostAndPort(temporalAddress, 7233).port + 1000);
  const config: Config = {
    temporal: {
      address: temporalAddress,
      namespace: str(env, 'TEMPORAL_NAMESPACE', 'default'),
      taskQueue: str(env, 'TEMPORAL_TASK_QUEUE', 'repo-indexing-queue'),
      uiUrl: str(env, 'TEMPORAL_UI_URL', `http://127.0.0.1:${temporalUiPort}`),
    },
    neo4j: {
      uri: str(env, 'NEO4J_URI', 'bolt://127.0.0.1:7687'),
      username: str(env, 'NEO4J_USERNAME', 'neo4j'),
      password: str(env, 'NEO4J_PASSWORD', ''),
      database: str(env, 'NEO4J_DATABASE', 'neo4j'),
      browserUrl: str(env, 'NEO4J_BROWSER_URL', `http://127.0.0.1:${int(env, 'NEO4J_HTTP_PORT', 7474)}/browser/`),
      batchSize: int(env, 'NEO4J_BATCH_SIZE', 2000),
    },
    postgres: {
      url: str(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:55432/repograph'),
    },
    github: {
      appId: optional(env, 'GITHUB_APP_ID'),
      privateKey: optional(env, 'GITHUB_APP_PRIVATE_KEY')?.replace(/\\n/g, '\n') ?? null,
      webhookSecret: optional(env, 'GITHUB_WEBHOOK_SECRET'),
      apiUrl: str(env, 'GITHUB_API_URL', 'https://api.github.com'),
      pushBranches: str(env, 'GITHUB_PUSH_BRANCHES', '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    },
    server: {
      host: str(env, 'SERVER_HOST', '127.0.0.1'),
      port: int(env, 'SERVER_PORT', 8080),
      apiClients: apiClients(env),
      apiAllowLocalSources: bool(env, 'API_ALLOW_LOCAL_SOURCES', false),
      apiSourceHosts: list(env, 'API_SOURCE_HOSTS', 'github.com').map((host) => host.toLowerCase()),
      webhookReplyBudgetMs: int(env, 'WEBHOOK_REPLY_BUDGET_MS', 5_000),
      dispatchLeaseMs: int(env, 'WEBHOOK_DISPATCH_LEASE_MS', 30_000),
    },
    parser: {
      maxFileBytes: int(env, 'PARSE_MAX_FILE_BYTES', 1_000_000),
      maxAbsoluteFileBytes: int(env, 'PARSE_MAX_ABSOLUTE_FILE_BYTES', 10_000_000),
      maxSymbolsPerFile: int(env, 'PARSE_MAX_SYMBOLS_PER_FILE', 500),
      fileTimeoutMs: int(env, 'PARSE_FILE_TIMEOUT_MS', 10_000),
      threads: int(env, 'PARSE_THREADS', Math.max(1, os.availableParallelism())),
      extraExcludedDirs: str(env, 'PARSE_EXCLUDED_DIRS', '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    },
    work: {
      workDir: path.resolve(str(env, 'REPOGRAPH_WORK_DIR', path.join(os.tmpdir(), 'repograph'))),
      staleTtlDays: int(env, 'STALE_TTL_DAYS', 7),
      workerId: str(env, 'REPOGRAPH_WORKER_ID', os.hostname()),
      mirrorDir: path.resolve(str(env, 'REPOGRAPH_MIRROR_DIR', path.join(os.tmpdir(), 'repograph-mirrors'))),
      mirrorMaxBytes: int(env, 'REPOGRAPH_MIRROR_MAX_BYTES', 10 * 1024 ** 3),
      parseCacheTtlDays: int(env, 'PARSE_CACHE_TTL_DAYS', 30),
    },
    observability: {
      metricsPort: optional(env, 'METRICS_PORT') == null ? null : int(env, 'METRICS_PORT', 9464),
      metricsHost: str(env, 'METRICS_HOST', '127.0.0.1'),
      logLevel: logLevel(str(env, 'LOG_LEVEL', 'INFO')),
      tracesEndpoint:
        optional(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') ??
        optional(env, 'OTEL_EXPORTER_OTLP_ENDPOINT')?.replace(/\/*$/, '/v1/traces') ??
        null,
      serviceName: str(env, 'OTEL_SERVICE_NAME', 'repograph-worker'),
    },
  };
  return deepFreeze(config);
}

function logLevel(raw: string): ObservabilityConfig['logLevel'] {
  const level = raw.toUpperCase();
  if (level === 'TRACE' || level === 'DEBUG' || level === 'INFO' || level === 'WARN' || level === 'ERROR') return level;
  throw new ConfigError(
    `LOG_LEVEL must be TRACE, DEBUG, INFO, WARN or ERROR, got "${raw}". To fix this problem, set it to INFO.`,
  );
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (child && typeof child === 'object') deepFreeze(child as object);
  }
  return Object.freeze(value);
}
