import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { ApiClientConfig } from '../config/read-config.js';

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/**
 * The API client whose token the request carries, `Authorization: Bearer <token>` or `?token=` for the SSE stream
 * (browsers' EventSource cannot set headers); null for a missing or unknown token. Every configured token is
 * compared, in constant time over equal-length digests, so the answer's timing says nothing about which is close.
 */
export function authenticateApiRequest(
  headers: IncomingHttpHeaders,
  url: URL,
  clients: readonly ApiClientConfig[],
): ApiClientConfig | null {
  const bearer = /^Bearer (\S+)$/i.exec(headers.authorization ?? '')?.[1] ?? url.searchParams.get('token');
  if (bearer == null || bearer === '') return null;
  const given = digest(bearer);
  let found: ApiClientConfig | null = null;
  for (const client of clients) if (timingSafeEqual(given, digest(client.token))) found = client;
  return found;
}
