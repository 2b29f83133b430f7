import type http from 'node:http';
import type { RepographMetrics } from './repograph-metrics.js';

/**
 * Counts `req` in `http_requests_total` once its response has been sent. `route` must be a bounded name (the route
 * template such as `/webhooks/github`, or `other`), never the raw URL, so the series count stays small.
 */
export function countHttpRequest(
  metrics: Pick<RepographMetrics, 'httpRequests'>,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  route: string,
): void {
  res.once('finish', () => {
    metrics.httpRequests.inc({ method: req.method ?? 'UNKNOWN', route, status: String(res.statusCode) });
  });
}
