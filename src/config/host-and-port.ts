/** Where a service listens, as read from its address. */
export interface HostAndPort {
  /** Host name or IP address, without the brackets of an IPv6 literal. */
  host: string;
  port: number;
}

/**
 * The host and port of a service address: `host:port` (TEMPORAL_ADDRESS) or a URL (`bolt://host:port`,
 * `postgres://user@host:port/db`), with `defaultPort` when it names none. Reads an address the way `scripts/stack`
 * does, so the CLI and the stack agree on which service an address names.
 */
export function hostAndPort(address: string, defaultPort: number): HostAndPort {
  const afterScheme = address.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const authority = afterScheme.split(/[/?#]/, 1)[0] ?? '';
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  const match = /^(?:\[([^\]]*)\]|([^:]*))(?::(\d+))?$/.exec(hostPort);
  if (match == null) return { host: hostPort, port: defaultPort };
  return { host: match[1] ?? match[2] ?? '', port: match[3] == null ? defaultPort : Number(match[3]) };
}
