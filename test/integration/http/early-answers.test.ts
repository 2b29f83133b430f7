import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/config/read-config.js';
import { createDatabase } from '../../../src/db/database.js';
import { createHttpServer } from '../../../src/http/create-http-server.js';
import { createTemporalClient } from '../../../src/temporal/create-temporal-client.js';

type Outcome = { status: number; body: string } | { error: string };

/**
 * Sends `bytes` of body in 64 KiB pieces with a pause between them, like a client on a slow link, and reports the
 * answer or the socket error the client saw. Bounded: the body is at most a few MB and the wait 20 s.
 */
function slowPost(port: number, path: string, headers: Record<string, string>, bytes: number): Promise<Outcome> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: Outcome) => {
      if (!settled) resolve(outcome);
      settled = true;
    };
    const timer = setTimeout(() => settle({ error: 'no answer within 20 s' }), 20_000);
    const req = request({
      host: '127.0.0.1',
      port,
      path,
      method: 'POST',
      headers: { ...headers, 'content-length': String(bytes) },
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        clearTimeout(timer);
        settle({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      settle({ error: error.code ?? error.message });
    });
    const piece = Buffer.alloc(64 * 1024, 'x');
    let sent = 0;
    const next = () => {
      if (settled || sent >= bytes) return void req.end();
      const size = Math.min(piece.length, bytes - sent);
      sent += size;
      req.write(piece.subarray(0, size), () => setTimeout(next, 2));
    };
    next();
  });
}

// An answer given before the body has arrived (wrong token, body over the limit) must reach the client that is
// still sending: read as a connection reset, it looks like a network failure and gets retried.
describe('early answers reach a client that is still sending (real HTTP server on 127.0.0.1)', () => {
  let server: Server;
  let port: number;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const config = readConfig();
    const client = await createTemporalClient(config.temporal);
    const db = createDatabase(config.postgres.url, 1);
    server = createHttpServer({
      webhook: null,
      client,
      db,
      taskQueue: 'early-answers-unused',
      apiClients: [{ name: 'test', token: 'right-token', scopes: ['index', 'read'] }],
      sources: { allowLocalSources: false, sourceHosts: ['github.com'], findInstallation: null },
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    close = async () => {
      await new Promise((resolve) => server.close(resolve));
      await client.connection.close();
      await db.destroy();
    };
  });
  afterAll(async () => {
    await close?.();
  });

  it('a wrong token gets its 401 while a 3 MB body is still arriving', async () => {
    const outcome = await slowPost(port, '/api/index', { authorization: 'Bearer wrong-token' }, 3 * 1024 * 1024);
    expect(outcome).toMatchObject({ status: 401 });
  });

  it('a body over the API limit gets its 413, not a reset', async () => {
    const outcome = await slowPost(port, '/api/index', { authorization: 'Bearer right-token' }, 3 * 1024 * 1024);
    expect(outcome).toMatchObject({ status: 413 });
  });

  it('an unknown path gets its 404 after the body was read', async () => {
    const outcome = await slowPost(port, '/nowhere', {}, 3 * 1024 * 1024);
    expect(outcome).toMatchObject({ status: 404 });
  });
});
