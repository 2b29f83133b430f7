import type { ServerResponse } from 'node:http';

/** A status and JSON body to answer with. */
export interface HttpReply {
  status: number;
  body: Record<string, unknown>;
}

/** Minimal logger the HTTP layer writes to (console fits). */
export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * Writes `reply` as JSON. With `close`, the connection is closed only once the answer has been flushed, so a
 * client still sending a body it should not have sent sees the status, not a reset.
 */
export function sendReply(res: ServerResponse, { status, body }: HttpReply, close = false): void {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (close) headers.connection = 'close';
  res.writeHead(status, headers);
  res.end(JSON.stringify(body), () => {
    if (close) res.socket?.destroySoon();
  });
}
