import type { IncomingMessage } from 'node:http';

/** A request body read up to a limit. */
export type ReadBody = { ok: true; text: string } | { ok: false; tooLarge: true };

/** Past the limit a body is discarded, not buffered; past this much more the connection is closed after the answer. */
const DRAIN_FACTOR = 4;

/**
 * Reads a request body as UTF-8 up to `limit` bytes. A bigger body is read to its end and thrown away (up to four
 * times the limit), so the client, still sending, receives the 413 instead of a reset; the caller answers with
 * `close` so the connection goes away once that answer is flushed.
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<ReadBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  return new Promise((resolve, reject) => {
    const done = (result: ReadBody) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > limit * DRAIN_FACTOR) {
        req.pause();
        done({ ok: false, tooLarge: true });
      }
    };
    const onEnd = () =>
      done(size <= limit ? { ok: true, text: Buffer.concat(chunks).toString('utf8') } : { ok: false, tooLarge: true });
    const onError = (error: Error) => {
      req.off('data', onData);
      req.off('end', onEnd);
      reject(error);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/**
 * Reads and drops what is left of a request's body (bounded by `limit`), so an early answer (401, 404) reaches a
 * client that is still sending; resolves once the body ended or the bound was reached.
 */
export async function discardBody(req: IncomingMessage, limit: number): Promise<boolean> {
  if (req.readableEnded) return true;
  const result = await readBody(req, limit).catch(() => ({ ok: false as const, tooLarge: true as const }));
  return result.ok;
}
