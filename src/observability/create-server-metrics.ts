import type http from 'node:http';
import { countHttpRequest } from './count-http-request.js';
import { handleMetricsRequest } from './metrics-server.js';
import { MetricsRegistry } from './metrics-registry.js';
import { createRepographMetrics, type RepographMetrics } from './repograph-metrics.js';

/** Metrics of an HTTP server: its registry, and one call that counts a request and answers `/metrics`. */
export interface ServerMetrics {
  registry: MetricsRegistry;
  metrics: RepographMetrics;
  /**
   * Counts `req` in `http_requests_total` under its route template once answered, and answers it when it is
   * `GET /metrics` (returns true: the caller must not answer it again).
   */
  observe(req: http.IncomingMessage, res: http.ServerResponse): boolean;
}

function templatePattern(template: string): RegExp {
  const segments = template
    .split('/')
    .map((segment) => (/^\{[^}]+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&')));
  return new RegExp(`^${segments.join('/')}/?$`);
}

/**
 * Creates {@link ServerMetrics} for a server whose routes are `routes` (templates such as `/api/workflows/{id}`);
 * a path matching none is counted as `other`, so the label set stays bounded whatever clients request.
 */
export function createServerMetrics(routes: readonly string[], registry = new MetricsRegistry()): ServerMetrics {
  const metrics = createRepographMetrics(registry);
  const patterns = ['/metrics', ...routes].map((template) => ({ template, pattern: templatePattern(template) }));
  return {
    registry,
    metrics,
    observe(req, res) {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const route = patterns.find((p) => p.pattern.test(path))?.template ?? 'other';
      countHttpRequest(metrics, req, res, route);
      return handleMetricsRequest(registry, req, res);
    },
  };
}
