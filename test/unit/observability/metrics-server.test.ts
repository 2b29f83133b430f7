import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { countHttpRequest } from '../../../src/observability/count-http-request.js';
import { createServerMetrics } from '../../../src/observability/create-server-metrics.js';
import {
  createMetricsServer,
  handleMetricsRequest,
  type MetricsServer,
} from '../../../src/observability/metrics-server.js';
import { MetricsRegistry } from '../../../src/observability/metrics-registry.js';
import { createRepographMetrics } from '../../../src/observability/repograph-metrics.js';

describe('metrics HTTP endpoints on 127.0.0.1', () => {
  let server: MetricsServer | null = null;
  let host: http.Server | null = null;
  afterEach(async () => {
    await server?.close();
    await new Promise((resolve) => (host == null ? resolve(null) : host.close(resolve)));
    server = null;
    host = null;
  });

  it('serves the registry on /metrics, 405 for other methods and 404 elsewhere', async () => {
    const registry = new MetricsRegistry();
    registry.counter('hits_total', 'Hits.').inc({}, 2);
    server = await createMetricsServer({ registry, port: 0 });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const ok = await fetch(server.url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(await ok.text()).toBe('# HELP hits_total Hits.\n# TYPE hits_total counter\nhits_total 2\n');
    expect((await fetch(server.url, { method: 'POST' })).status).toBe(405);
    expect((await fetch(server.url.replace('/metrics', '/other'))).status).toBe(404);
  });

  it('lets a host server mount /metrics and count its requests by route', async () => {
    const registry = new MetricsRegistry();
    const metrics = createRepographMetrics(registry);
    host = http.createServer((req, res) => {
      countHttpRequest(metrics, req, res, req.url === '/metrics' ? '/metrics' : 'other');
      if (!handleMetricsRequest(registry, req, res)) res.writeHead(418).end();
    });
    await new Promise<void>((resolve) => host!.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    expect((await fetch(`${base}/teapot`)).status).toBe(418);
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('http_requests_total{method="GET",route="other",status="418"} 1\n');
  });
});

describe('createServerMetrics', () => {
  let host: http.Server | null = null;
  afterEach(async () => {
    await new Promise((resolve) => (host == null ? resolve(null) : host.close(resolve)));
    host = null;
  });

  it('answers /metrics and counts requests by route template, unknown paths as other', async () => {
    const serverMetrics = createServerMetrics(['/healthz', '/api/workflows/{id}', '/api/workflows/{id}/events']);
    host = http.createServer((req, res) => {
      if (!serverMetrics.observe(req, res)) res.writeHead(req.url === '/healthz' ? 200 : 404).end();
    });
    await new Promise<void>((resolve) => host!.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    for (const path of ['/healthz', '/api/workflows/wf-1', '/api/workflows/wf-2/events?x=1', '/nope/../etc']) {
      await (await fetch(`${base}${path}`)).text();
    }
    await (await fetch(`${base}/metrics`)).text();
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('http_requests_total{method="GET",route="/healthz",status="200"} 1\n');
    expect(text).toContain('http_requests_total{method="GET",route="/api/workflows/{id}",status="404"} 1\n');
    expect(text).toContain('http_requests_total{method="GET",route="/api/workflows/{id}/events",status="404"} 1\n');
    expect(text).toContain('http_requests_total{method="GET",route="other",status="404"} 1\n');
    expect(text).toContain('http_requests_total{method="GET",route="/metrics",status="200"} 1\n');
  });
});
