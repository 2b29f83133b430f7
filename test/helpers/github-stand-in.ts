import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createPublicKey, generateKeyPairSync, randomBytes, verify, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';

/** A repository the stand-in serves, as the REST API describes it. */
export interface StandInRepository {
  id: number;
  full_name: string;
  default_branch: string;
  private: boolean;
  clone_url: string;
}

/** A decoded App JWT the stand-in accepted, kept for assertions (clock-skew margin, issuer). */
export interface AcceptedJwt {
  iat: number;
  exp: number;
  iss: string;
  receivedAt: number;
}

/** Options of {@link startGitHubStandIn}. */
export interface GitHubStandInOptions {
  appId: string;
  /** The App's public key; the stand-in verifies every App JWT's RS256 signature against it. */
  publicKey: KeyObject | string;
  /** Installation id → the repositories it grants. */
  installations: Map<number, StandInRepository[]>;
  /** Head SHA of a branch (e.g. read from the git server's bare repository). */
  branchHead?: (fullName: string, branch: string) => Promise<string | null>;
}

/** A running stand-in for the few GitHub REST endpoints repograph calls. */
export interface GitHubStandIn {
  url: string;
  /** Every installation token minted, in order. */
  tokens: string[];
  jwts: AcceptedJwt[];
  /** `METHOD path` of every request. */
  requests: string[];
  /** Makes every later call for this installation answer as GitHub does for a removed one (404/401). */
  revoke(installationId: number): void;
  isValidToken(token: string): boolean;
  close(): Promise<void>;
}

/** An RSA key pair like a GitHub App's, generated in the test (PKCS#1 PEM, as GitHub hands it out). */
export function generateAppKeyPair(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/**
 * Starts a local stand-in for `POST /app/installations/{id}/access_tokens` (App JWT verified against the public
 * key), `GET /installation/repositories`, `GET /repos/{o}/{r}` and `GET /repos/{o}/{r}/branches/{b}` on 127.0.0.1.
 */
export async function startGitHubStandIn(options: GitHubStandInOptions): Promise<GitHubStandIn> {
  const publicKey = typeof options.publicKey === 'string' ? createPublicKey(options.publicKey) : options.publicKey;
  const tokenOwners = new Map<string, number>();
  const revoked = new Set<number>();
  const state = { tokens: [] as string[], jwts: [] as AcceptedJwt[], requests: [] as string[] };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    state.requests.push(`${req.method} ${url.pathname}`);
    const auth = req.headers.authorization ?? '';
    const tokenMatch = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(url.pathname);
    if (req.method === 'POST' && tokenMatch) {
      const installationId = Number(tokenMatch[1]);
      const jwt = verifyJwt(auth, publicKey, options.appId);
      if (jwt == null) return send(res, 401, { message: 'A JSON web token could not be decoded' });
      state.jwts.push(jwt);
      if (!options.installations.has(installationId) || revoked.has(installationId)) {
        return send(res, 404, { message: 'Not Found' });
      }
      const token = `ghs_${randomBytes(18).toString('hex')}`;
      tokenOwners.set(token, installationId);
      state.tokens.push(token);
      return send(res, 201, { token, expires_at: new Date(Date.now() + 3600_000).toISOString(), permissions: {} });
    }
    const installationMatch = /^\/repos\/([^/]+)\/([^/]+)\/installation$/.exec(url.pathname);
    if (req.method === 'GET' && installationMatch) {
      if (verifyJwt(auth, publicKey, options.appId) == null)
        return send(res, 401, { message: 'A JSON web token could not be decoded' });
      const fullName = `${installationMatch[1]}/${installationMatch[2]}`;
      for (const [id, list] of options.installations) {
        if (!revoked.has(id) && list.some((r) => r.full_name === fullName))
          return send(res, 200, { id, app_id: Number(options.appId) });
      }
      return send(res, 404, { message: 'Not Found' });
    }
    const token = /^(?:token|bearer) (\S+)$/i.exec(auth)?.[1] ?? '';
    const installationId = tokenOwners.get(token);
    if (installationId == null || revoked.has(installationId)) return send(res, 401, { message: 'Bad credentials' });
    const repos = options.installations.get(installationId) ?? [];
    if (req.method === 'GET' && url.pathname === '/installation/repositories') {
      const perPage = Number(url.searchParams.get('per_page') ?? 30);
      const page = Number(url.searchParams.get('page') ?? 1);
      const slice = repos.slice((page - 1) * perPage, page * perPage);
      return send(res, 200, { total_count: repos.length, repositories: slice });
    }
    const repoMatch = /^\/repos\/([^/]+)\/([^/]+)(?:\/branches\/(.+))?$/.exec(url.pathname);
    const repo = repoMatch && repos.find((r) => r.full_name === `${repoMatch[1]}/${repoMatch[2]}`);
    if (req.method !== 'GET' || !repoMatch || !repo) return send(res, 404, { message: 'Not Found' });
    if (repoMatch[3] == null) return send(res, 200, repo);
    const sha = await options.branchHead?.(repo.full_name, decodeURIComponent(repoMatch[3]));
    if (sha == null) return send(res, 404, { message: 'Branch not found' });
    return send(res, 200, { name: repoMatch[3], commit: { sha } });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ...state,
    revoke: (id) => revoked.add(id),
    isValidToken: (token) => {
      const owner = tokenOwners.get(token);
      return owner != null && !revoked.has(owner);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function verifyJwt(auth: string, publicKey: KeyObject, appId: string): AcceptedJwt | null {
  const jwt = /^bearer (\S+)$/i.exec(auth)?.[1];
  const [header, payload, signature] = jwt?.split('.') ?? [];
  if (header == null || payload == null || signature == null) return null;
  const alg = (JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg?: string }).alg;
  const data = Buffer.from(`${header}.${payload}`);
  if (alg !== 'RS256' || !verify('RSA-SHA256', data, publicKey, Buffer.from(signature, 'base64url'))) return null;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Omit<AcceptedJwt, 'receivedAt'>;
  const now = Math.floor(Date.now() / 1000);
  if (String(claims.iss) !== appId || claims.iat > now + 60 || claims.exp <= now || claims.exp - claims.iat > 660) {
    return null;
  }
  return { ...claims, iss: String(claims.iss), receivedAt: now };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
