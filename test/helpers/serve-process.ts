import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Config } from '../../src/config/read-config.js';

const CLI = fileURLToPath(new URL('../../bin/repograph.js', import.meta.url));

/** `repograph serve` running as a process of its own, so a test can kill it. */
export interface ServeProcess {
  url: string;
  child: ChildProcess;
  /** Everything it printed. */
  output: string[];
  /** Sends `signal` and waits for the process to end. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** What every repograph child process needs of `config`: a clean environment naming the services it uses. */
export function servicesEnv(config: Config): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TEMPORAL_ADDRESS: config.temporal.address,
    TEMPORAL_NAMESPACE: config.temporal.namespace,
    TEMPORAL_TASK_QUEUE: config.temporal.taskQueue,
    DATABASE_URL: config.postgres.url,
    NEO4J_URI: config.neo4j.uri,
  };
}

/** The environment that gives `repograph serve` the settings of `config`, plus `extra`. */
export function serveEnv(config: Config, port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...servicesEnv(config),
    GITHUB_WEBHOOK_SECRET: config.github.webhookSecret ?? '',
    API_TOKENS: config.server.apiClients.map((c) => `${c.name}:${c.token}:${c.scopes.join(',')}`).join(';'),
    API_ALLOW_LOCAL_SOURCES: String(config.server.apiAllowLocalSources),
    API_SOURCE_HOSTS: config.server.apiSourceHosts.join(','),
    SERVER_HOST: '127.0.0.1',
    SERVER_PORT: String(port),
    LOG_LEVEL: 'INFO',
    ...extra,
  };
}

/** Starts `repograph serve` with `env` and waits (bounded) until `/healthz` answers. */
export async function startServeProcess(env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<ServeProcess> {
  const child = spawn(process.execPath, [CLI, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${env.SERVER_PORT}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode != null) throw new Error(`repograph serve exited: ${output.join('')}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`repograph serve did not answer within ${timeoutMs} ms: ${output.join('')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    child,
    output,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode == null && child.signalCode == null) child.kill(signal);
      await exited;
    },
  };
}
