import { fileURLToPath } from 'node:url';
import { localRepoUrl } from './repo-source.js';

/** True for a string that names a remote git URL (`https://…`, `ssh://…`, `git://…`), false for paths and `file:`. */
export function isRemoteSource(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source) && !/^file:/i.test(source);
}

/**
 * The stable form of a source: `file://<realpath>` (percent-encoded) for local paths and `file://` URLs, which
 * must name an existing directory; for remote URLs the lower-cased scheme and host, no credentials, no query, no
 * trailing `/` or `.git`.
 */
export function normaliseSource(source: string): string {
  if (!isRemoteSource(source)) {
    const localPath = /^file:/i.test(source) ? fileURLToPath(source) : source;
    return localRepoUrl(localPath).replace(/\/+$/, '');
  }
  return normaliseRemoteUrl(source);
}

/** The stable form of a remote git URL (see {@link normaliseSource}); pure, never touches the network. */
export function normaliseRemoteUrl(source: string): string {
  const url = new URL(source);
  const pathname = url.pathname.replace(/\/+$/, '').replace(/\.git$/, '');
  return `${url.protocol.toLowerCase()}//${url.host.toLowerCase()}${pathname}`;
}

/** A readable name: `owner/repo` for github.com URLs, the last path segment (decoded) otherwise. */
export function sourceName(normalised: string): string {
  const url = new URL(normalised);
  const parts = url.pathname.split('/').filter(Boolean);
  if (url.hostname === 'github.com' && parts.length >= 2) return `${parts[0]}/${parts[1]}`;
  const last = parts.at(-1);
  return last == null ? url.hostname : decodeURIComponent(last);
}
