import net from 'node:net';
import { hostAndPort } from '../config/host-and-port.js';
import type { Config } from '../config/read-config.js';
import { runStackScript } from './run-stack-script.js';

/** One of the services repograph needs, where the configuration says it is. */
export interface ServiceEndpoint {
  /** Its name for `scripts/stack`. */
  service: 'postgres' | 'neo4j' | 'temporal';
  /** Its name for people. */
  label: 'PostgreSQL' | 'Neo4j' | 'Temporal';
  /** The variable that sets its address. */
  variable: 'DATABASE_URL' | 'NEO4J_URI' | 'TEMPORAL_ADDRESS';
  host: string;
  port: number;
  /** The address is on this machine (loopback), where `scripts/stack` starts it; any other host is never started. */
  local: boolean;
}

/** Thrown when a service the command needs does not answer and cannot be started; says what to do. */
export class ServicesUnavailable extends Error {
  override name = 'ServicesUnavailable';
  constructor(
    message: string,
    /** How to fix it, for the CLI's `To fix this problem, …`. */
    readonly how: string,
  ) {
    super(message);
  }
}

/** Options of {@link ensureLocalServices}. */
export interface EnsureServicesOptions {
  /** Receives the progress lines (the CLI writes them to stderr). */
  progress(line: string): void;
  /** Runs `scripts/stack`; tests replace it. */
  runStack?: typeof runStackScript;
  /** How long a service `scripts/stack up` reported started may take to answer; default 30 s. */
  readyTimeoutMs?: number;
  /** How long one probe waits for a connection; default 2 s. */
  probeTimeoutMs?: number;
}

/**
 * Whether `host` is this machine: 127.x.x.x, localhost or ::1. `scripts/stack` starts a service only there too
 * (`is_loopback` in scripts/lib/common.sh, which also takes a name that merely starts with `127.`); an address
 * this rule calls remote is never handed to the script.
 */
export function isLoopback(host: string): boolean {
  return /^127(\.\d{1,3}){3}$/.test(host) || host === 'localhost' || host === '::1';
}

/** The three services as `config` names them, with the default port of each kind of address. */
export function serviceEndpoints(config: Config): ServiceEndpoint[] {
  const endpoint = (
    service: ServiceEndpoint['service'],
    label: ServiceEndpoint['label'],
    variable: ServiceEndpoint['variable'],
    address: string,
    defaultPort: number,
  ): ServiceEndpoint => {
    const { host, port } = hostAndPort(address, defaultPort);
    return { service, label, variable, host, port, local: isLoopback(host) };
  };
  return [
    endpoint('postgres', 'PostgreSQL', 'DATABASE_URL', config.postgres.url, 5432),
    endpoint('neo4j', 'Neo4j', 'NEO4J_URI', config.neo4j.uri, 7687),
    endpoint('temporal', 'Temporal', 'TEMPORAL_ADDRESS', config.temporal.address, 7233),
  ];
}

/** Whether something accepts a TCP connection at the endpoint within `timeoutMs`. */
export function answers(endpoint: Pick<ServiceEndpoint, 'host' | 'port'>, timeoutMs = 2_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: endpoint.host, port: endpoint.port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function names(endpoints: readonly ServiceEndpoint[]): string {
  const labels = endpoints.map((e) => e.label);
  return labels.length <= 1 ? labels.join('') : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}

/**
 * Makes sure the services `config` names answer: those that do not and are on this machine are started with
 * `scripts/stack up <service…>` (which builds or fetches what is missing into the cache first), its progress going
 * to stderr; a service on another host is never started, and one that does not answer is a
 * {@link ServicesUnavailable} naming it and its variable. Resolves with the services it started.
 */
export async function ensureLocalServices(
  config: Config,
  options: EnsureServicesOptions,
): Promise<ServiceEndpoint['service'][]> {
  const { progress, runStack = runStackScript, readyTimeoutMs = 30_000, probeTimeoutMs = 2_000 } = options;
  const endpoints = serviceEndpoints(config);
  const up = await Promise.all(endpoints.map((e) => answers(e, probeTimeoutMs)));
  const down = endpoints.filter((_, i) => !up[i]);
  const remote = down.filter((e) => !e.local);
  if (remote.length > 0) {
    throw new ServicesUnavailable(
      remote
        .map((e) => `${e.label} does not answer at ${e.host}:${e.port} (${e.variable})`)
        .join('; ')
        .concat(', and repograph starts services only on this machine'),
      `start ${names(remote)} there, or set ${remote.map((e) => e.variable).join(', ')} to servers that run ` +
        '(unset, they mean the local services, which this command starts)',
    );
  }
  if (down.length === 0) return [];
  const services = down.map((e) => e.service);
  progress(
    `${names(down)} ${down.length === 1 ? 'is' : 'are'} not running: starting ${down.length === 1 ? 'it' : 'them'} ` +
      `with 'scripts/stack up ${services.join(' ')}' (the first time, it also builds or fetches them: minutes)`,
  );
  const code = await runStack(['up', ...services], {
    stdout: 'stderr',
    env: { DATABASE_URL: config.postgres.url, NEO4J_URI: config.neo4j.uri, TEMPORAL_ADDRESS: config.temporal.address },
  });
  if (code !== 0) {
    throw new ServicesUnavailable(
      `the local services could not be started: 'scripts/stack up ${services.join(' ')}' exited with ${code}`,
      "fix what its messages above name, then run the command again ('npm run stack -- logs <service>' shows a log)",
    );
  }
  const deadline = Date.now() + readyTimeoutMs;
  for (let pending = down; ;) {
    const answered = await Promise.all(pending.map((e) => answers(e, probeTimeoutMs)));
    pending = pending.filter((_, i) => !answered[i]);
    if (pending.length === 0) return services;
    if (Date.now() >= deadline) {
      throw new ServicesUnavailable(
        `${pending.map((e) => `${e.label} does not answer at ${e.host}:${e.port}`).join('; ')} after 'scripts/stack up'`,
        `see its log with 'npm run stack -- logs ${pending[0]!.service}'`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
