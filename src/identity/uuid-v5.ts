import { createHash } from 'node:crypto';

/**
 * A name-based UUID (version 5: SHA-1 of the namespace's 16 bytes followed by the name, with the version and
 * variant bits set). Without `namespace` only the name is hashed; the GitHub repository ids of the first
 * release were made that way, and keeping the form keeps their rows and graphs.
 */
export function uuidV5(name: string, namespace?: string): string {
  const hash = createHash('sha1');
  if (namespace != null) hash.update(Buffer.from(namespace.replace(/-/g, ''), 'hex'));
  const bytes = hash.update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
