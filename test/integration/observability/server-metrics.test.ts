import { describe, expect, it } from 'vitest';
import type { Log } from '../../../src/api/http-reply.js';
import { startRepographServer } from '../../../src/server.js';
import { testConfig } from '../../helpers/services.js';

describe('repograph serve /metrics', () => {
  it('serves Prometheus text and counts requests by route template', async () => {
    const quiet: Log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const running = await startRepographServer(
      { ...testConfig, server: { ...testConfig.server, host: '127.0.0.1', port: 0 } },
      quiet,
    );
    try {
      expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${running.url}/api/workflows/some-id`)).status).not.toBe(200);
      const response = await fetch(`${running.url}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await response.text();
      expect(text).toContain('http_requests_total{method="GET",route="/healthz",status="200"} 1\n');
      expect(text).toMatch(/http_requests_total\{method="GET",route="\/api\/workflows\/\{id\}",status="\d+"\} 1\n/);
      expect(text).not.toContain('some-id');
    } finally {
      await running.close();
    }
  });
});
