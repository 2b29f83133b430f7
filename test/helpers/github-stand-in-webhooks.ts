import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

const FIXTURES = new URL('../fixtures/webhooks/', import.meta.url);

/** A webhook fixture (`test/fixtures/webhooks/<name>.json`), parsed so a test can adjust it. */
export function loadWebhookFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8')) as T;
}

/** Headers and raw body of a delivery signed as GitHub signs it (HMAC-SHA256 of the raw body). */
export interface SignedDelivery {
  headers: Record<string, string>;
  body: string;
}

/** Signs `payload` for `event` with `secret`; `deliveryId` defaults to a new UUID (a new delivery). */
export function signDelivery(
  secret: string,
  event: string,
  payload: unknown,
  deliveryId: string = randomUUID(),
): SignedDelivery {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-github-event': event,
      'x-github-delivery': deliveryId,
      'x-hub-signature-256': signature,
      'user-agent': 'GitHub-Hookshot/stand-in',
    },
  };
}

/** POSTs a signed delivery to `url` and returns the status and JSON body. */
export async function postDelivery(url: string, delivery: SignedDelivery): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: delivery.headers, body: delivery.body });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
}
