import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PROMETHEUS_CONTENT_TYPE, type MetricsRegistry } from './metrics-registry.js';

/** Options of {@link createMetricsServer}. */
export interface MetricsServerOptions {
  registry: MetricsRegistry;
  /** Port to listen on; 0 picks a free one (see {@link MetricsServer.port}). */
  port: number;
  /** Interface to bind, default `127.0.0.1`. */
  host?: string;
}

/** A listening `/metrics` endpoint. */
export interface MetricsServer {
  /** The port actually bound. */
  port: number;
  /** `http://<host>:<port>/metrics`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Answers `GET /metrics` (and HEAD) with the registry's text exposition and returns true; returns false for any
 * other path so a host server can route it elsewhere.
 */
export function handleMetricsRequest(
  registry: MetricsRegistry,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): boolean {
  const path = (req.url ?? '/').split('?')[0];
  if (path !== '/metrics') return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }).end('method not allowed\n');
    return true;
  }
  const body = registry.render();
  res.writeHead(200, { 'Content-Type': PROMETHEUS_CONTENT_TYPE, 'Content-Length': Buffer.byteLength(body) });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}

/** Starts an HTTP server that serves only `/metrics` (404 elsewhere), bound to `127.0.0.1` unless told otherwise. */
export async function createMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const host = options.host ?? '127.0.0.1';
  const server = http.createServer((req, res) => {
    if (!handleMetricsRequest(options.registry, req, res)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found: metrics are served on /metrics\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://${host}:${port}/metrics`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error == null ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}
