import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * True when the request carries the static API token: `Authorization: Bearer <API_TOKEN>`, or `?token=` for the
 * SSE stream (browsers' EventSource cannot set headers). Compared in constant time. The original authenticated
 * Supabase users instead; that identity provider is out of scope here.
 */
export function isAuthorizedApiRequest(headers: IncomingHttpHeaders, url: URL, apiToken: string): boolean {
  const bearer = /^Bearer (\S+)$/i.exec(headers.authorization ?? '')?.[1] ?? url.searchParams.get('token');
  if (bearer == null) return false;
  const given = Buffer.from(bearer);
  const expected = Buffer.from(apiToken);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
