import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/config/read-config.js';
import {
  ensureLocalServices,
  isLoopback,
  serviceEndpoints,
  ServicesUnavailable,
} from '../../../src/stack/ensure-local-services.js';
import type { StackScriptOptions } from '../../../src/stack/run-stack-script.js';
import { freePort } from '../../helpers/serve-process.js';

const servers: net.Server[] = [];

/** Something that accepts connections on 127.0.0.1:`port`, standing in for a service that runs. */
async function listen(port: number): Promise<void> {
  const server = net.createServer((socket) => socket.destroy());
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function localConfig(running: { postgres: boolean; neo4j: boolean; temporal: boolean }) {
  const ports = { postgres: await freePort(), neo4j: await freePort(), temporal: await freePort() };
  for (const [service, port] of Object.entries(ports)) {
    if (running[service as keyof typeof running]) await listen(port);
  }
  const config = readConfig({
    DATABASE_URL: `postgres://postgres@127.0.0.1:${ports.postgres}/repograph`,
    NEO4J_URI: `bolt://localhost:${ports.neo4j}`,
    TEMPORAL_ADDRESS: `127.0.0.1:${ports.temporal}`,
  });
  return { config, ports };
}

/** A stand-in for `scripts/stack`: records its calls and, for `up`, "starts" the services by listening. */
function fakeStack(ports: Record<string, number>, exitCode = 0, start = true) {
  const calls: { args: readonly string[]; options: StackScriptOptions }[] = [];
  const run = async (args: readonly string[], options: StackScriptOptions = {}) => {
    calls.push({ args, options });
    if (start && exitCode === 0) for (const service of args.slice(1)) await listen(ports[service]!);
    return exitCode;
  };
  return { calls, run };
}

describe('ensureLocalServices', () => {
  it('does nothing when every service answers', async () => {
    const { config, ports } = await localConfig({ postgres: true, neo4j: true, temporal: true });
    const stack = fakeStack(ports);
    const progress: string[] = [];
    expect(await ensureLocalServices(config, { progress: (l) => progress.push(l), runStack: stack.run })).toEqual([]);
    expect(stack.calls).toEqual([]);
    expect(progress).toEqual([]);
  });

  it('starts the local ones that do not answer with scripts/stack up, at the configured addresses', async () => {
    const { config, ports } = await localConfig({ postgres: true, neo4j: false, temporal: false });
    const stack = fakeStack(ports);
    const progress: string[] = [];
    const started = await ensureLocalServices(config, { progress: (l) => progress.push(l), runStack: stack.run });
    expect(started).toEqual(['neo4j', 'temporal']);
    expect(stack.calls).toEqual([
      {
        args: ['up', 'neo4j', 'temporal'],
        options: {
          stdout: 'stderr',
          env: {
            DATABASE_URL: config.postgres.url,
            NEO4J_URI: config.neo4j.uri,
            TEMPORAL_ADDRESS: config.temporal.address,
          },
        },
      },
    ]);
    expect(progress.join('\n')).toMatch(
      /^Neo4j and Temporal are not running: starting them with 'scripts\/stack up neo4j temporal'/,
    );
  });

  it('never starts a service on another host, and names the one that does not answer', async () => {
    const { ports } = await localConfig({ postgres: false, neo4j: false, temporal: true });
    const config = readConfig({
      DATABASE_URL: `postgres://postgres@127.0.0.1:${ports.postgres}/repograph`,
      // TEST-NET-1 (RFC 5737): never routed, so nothing answers there.
      NEO4J_URI: 'bolt://192.0.2.1:7687',
      TEMPORAL_ADDRESS: `127.0.0.1:${ports.temporal}`,
    });
    const stack = fakeStack(ports);
    const error = await ensureLocalServices(config, {
      progress: () => undefined,
      runStack: stack.run,
      probeTimeoutMs: 300,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServicesUnavailable);
    expect((error as Error).message).toBe(
      'Neo4j does not answer at 192.0.2.1:7687 (NEO4J_URI), and repograph starts services only on this machine',
    );
    expect((error as ServicesUnavailable).how).toMatch(/^start Neo4j there, or set NEO4J_URI to servers that run/);
    // Not even the local PostgreSQL: the command could not run without Neo4j anyway.
    expect(stack.calls).toEqual([]);
  });

  it('reports a failed scripts/stack up with its exit code', async () => {
    const { config, ports } = await localConfig({ postgres: false, neo4j: true, temporal: true });
    const error = await ensureLocalServices(config, {
      progress: () => undefined,
      runStack: fakeStack(ports, 1).run,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServicesUnavailable);
    expect((error as Error).message).toBe(
      "the local services could not be started: 'scripts/stack up postgres' exited with 1",
    );
  });

  it('reports a service that still does not answer after scripts/stack up, pointing at its log', async () => {
    const { config, ports } = await localConfig({ postgres: true, neo4j: true, temporal: false });
    const error = await ensureLocalServices(config, {
      progress: () => undefined,
      runStack: fakeStack(ports, 0, false).run,
      readyTimeoutMs: 300,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServicesUnavailable);
    expect((error as Error).message).toBe(
      `Temporal does not answer at 127.0.0.1:${ports.temporal} after 'scripts/stack up'`,
    );
    expect((error as ServicesUnavailable).how).toContain("'npm run stack -- logs temporal'");
  });
});

describe('which addresses are on this machine', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['10.0.0.5', false],
    ['db.example.com', false],
    ['127.example.com', false],
  ])('%s → %s', (host, local) => {
    expect(isLoopback(host)).toBe(local);
  });

  it('reads each service from its own variable, with its default port', () => {
    const endpoints = serviceEndpoints(
      readConfig({
        DATABASE_URL: 'postgres://u@db.internal/x',
        NEO4J_URI: 'neo4j://[::1]',
        TEMPORAL_ADDRESS: 'localhost',
      }),
    );
    expect(endpoints.map(({ service, host, port, local }) => ({ service, host, port, local }))).toEqual([
      { service: 'postgres', host: 'db.internal', port: 5432, local: false },
      { service: 'neo4j', host: '::1', port: 7687, local: true },
      { service: 'temporal', host: 'localhost', port: 7233, local: true },
    ]);
  });
});
