import { isUtf8 } from 'node:buffer';

/** What the first bytes of a file say about it. */
export interface ContentSniff {
  /** A NUL byte, or mostly control bytes, in the first 8 KB: not text, not worth parsing. */
  binary: boolean;
  /** The bytes are not valid UTF-8 (Latin-1 and other legacy text); text decoded from them contains U+FFFD. */
  invalidUtf8: boolean;
}

const SNIFF_BYTES = 8192;
/** Share of control bytes in the first 8 KB above which a file without NUL still counts as binary. */
const CONTROL_SHARE = 0.1;
const lenientDecoder = new TextDecoder('utf-8');

/** Control bytes that text files do contain: backspace, tab, line feed, vertical tab, form feed, CR, ESC. */
const TEXT_CONTROLS = new Set([0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1b]);

function isControlByte(byte: number): boolean {
  return byte === 0x7f || (byte < 0x20 && !TEXT_CONTROLS.has(byte));
}

/**
 * Sniffs `bytes` for binary content and invalid UTF-8. Binary is decided by the bytes themselves: a NUL in the
 * first 8 KB, or more than 10 % control bytes there. Bytes that merely fail to decode as UTF-8 (a Latin-1
 * comment in old C or PHP code) leave a file text: it is decoded with replacement characters and parsed.
 */
export function sniffContent(bytes: Uint8Array): ContentSniff {
  const head = bytes.subarray(0, SNIFF_BYTES);
  if (head.includes(0)) return { binary: true, invalidUtf8: false };
  let controls = 0;
  for (const byte of head) if (isControlByte(byte)) controls++;
  return { binary: controls > head.length * CONTROL_SHARE, invalidUtf8: !isUtf8(bytes) };
}

/** Decodes UTF-8 with replacement characters for invalid sequences and drops a leading byte-order mark. */
export function decodeUtf8(bytes: Uint8Array): string {
  return lenientDecoder.decode(bytes);
}
