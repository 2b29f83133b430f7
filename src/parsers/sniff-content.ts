import { isUtf8 } from 'node:buffer';

/** What the first bytes of a file say about it. */
export interface ContentSniff {
  /** NUL bytes in the first 8 KB, or mostly undecodable bytes: not worth parsing. */
  binary: boolean;
  /** The bytes are not valid UTF-8; text decoded from them contains U+FFFD replacements. */
  invalidUtf8: boolean;
}

const SNIFF_BYTES = 8192;
const lenientDecoder = new TextDecoder('utf-8');

/** Sniffs `bytes` for binary content (NUL in the first 8 KB, or > 10% undecodable there) and invalid UTF-8. */
export function sniffContent(bytes: Uint8Array): ContentSniff {
  const head = bytes.subarray(0, SNIFF_BYTES);
  if (head.includes(0)) return { binary: true, invalidUtf8: false };
  if (isUtf8(bytes)) return { binary: false, invalidUtf8: false };
  // Cut at a character boundary so a sequence split by the 8 KB window is not counted as invalid.
  let end = head.length;
  while (end > 0 && end < bytes.length && ((head[end] ?? 0) & 0xc0) === 0x80) end--;
  const sample = lenientDecoder.decode(head.subarray(0, end));
  let replaced = 0;
  for (const ch of sample) if (ch === '\uFFFD') replaced++;
  return { binary: replaced > sample.length / 10, invalidUtf8: true };
}

/** Decodes UTF-8 with replacement characters for invalid sequences and drops a leading byte-order mark. */
export function decodeUtf8(bytes: Uint8Array): string {
  return lenientDecoder.decode(bytes);
}
