import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const GIT_HTTP_BACKEND = '/usr/lib/git-core/git-http-backend';

/** A running smart-HTTP git server over bare repositories under `root` (`<root>/<owner>/<repo>.git`). */
export interface GitHttpServer {
  /** Base URL; a repository's clone URL is `${url}/owner/repo.git`. */
  url: string;
  root: string;
  /** Every request: method, URL and the raw Authorization header (for the token-leak check). */
  requests: { method: string; url: string; authorization: string | undefined; status: number }[];
  /**
   * Holds every request (authorized or not) until each hold taken is released, as a slow or unreachable
   * server would; returns the release (calling it twice releases once).
   */
  hold(): () => void;
  close(): Promise<void>;
}

/**
 * Serves `git http-backend` (Debian's CGI) behind a Node http server on 127.0.0.1. Every request must carry
 * `Authorization: Basic base64(x-access-token:<token>)` with a token `isAuthorized` accepts, else 401 —
 * as github.com does for private repositories.
 */
export async function startGitHttpServer(
  root: string,
  isAuthorized: (token: string) => boolean,
): Promise<GitHttpServer> {
  const requests: GitHttpServer['requests'] = [];
  let holds = 0;
  let held: (() => void)[] = [];
  const hold = () => {
    holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--holds > 0) return;
      const waiting = held;
      held = [];
      for (const serve of waiting) serve();
    };
  };
  const server = createServer((req, res) => {
    if (holds > 0) held.push(() => serve(req, res));
    else serve(req, res);
  });
  const serve = (req: IncomingMessage, res: ServerResponse) => {
    const entry = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      authorization: req.headers.authorization,
      status: 0,
    };
    requests.push(entry);
    const token = basicToken(req.headers.authorization);
    if (token == null || !isAuthorized(token)) {
      entry.status = 401;
      res.writeHead(401, { 'www-authenticate': 'Basic realm="stand-in"' });
      res.end('authentication required\n');
      return;
    }
    runBackend(root, req, res, (status) => (entry.status = status));
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    root,
    requests,
    hold,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function basicToken(header: string | undefined): string | null {
  const encoded = /^Basic (\S+)$/i.exec(header ?? '')?.[1];
  if (encoded == null) return null;
  const [user, password] = Buffer.from(encoded, 'base64').toString().split(':');
  return user === 'x-access-token' && password ? password : null;
}

function runBackend(root: string, req: IncomingMessage, res: ServerResponse, onStatus: (s: number) => void): void {
  const url = new URL(req.url ?? '/', 'http://git');
  const child = spawn(GIT_HTTP_BACKEND, [], {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      REQUEST_METHOD: req.method ?? 'GET',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
      HTTP_GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
      REMOTE_USER: 'x-access-token',
      REMOTE_ADDR: '127.0.0.1',
    },
  });
  req.pipe(child.stdin);
  let head = Buffer.alloc(0);
  let headersDone = false;
  child.stdout.on('data', (chunk: Buffer) => {
    if (headersDone) return void res.write(chunk);
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    headersDone = true;
    const headers: Record<string, string> = {};
    let status = 200;
    for (const line of head.subarray(0, end).toString().split('\r\n')) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
      else headers[name] = value;
    }
    onStatus(status);
    res.writeHead(status, headers);
    res.write(head.subarray(end + 4));
  });
  child.stdout.on('end', () => res.end());
  child.on('error', () => res.destroy());
}

/** Creates `<root>/<fullName>.git` as a bare repository with `defaultBranch` as HEAD; returns its path. */
export function createBareRepository(root: string, fullName: string, defaultBranch: string): string {
  const dir = path.join(root, `${fullName}.git`);
  mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '--quiet', '--bare', `--initial-branch=${defaultBranch}`, dir]);
  return dir;
}

/**
 * Commits `files` (path → content; null deletes) on `branch` of the bare repository at `bareDir` through a
 * scratch work tree, and returns the new commit's SHA.
 */
export function commitFiles(
  bareDir: string,
  branch: string,
  files: Record<string, string | null>,
  message: string,
): string {
  const work = `${bareDir}.work`;
  const git = (...args: string[]): string =>
    execFileSync('git', args, {
      cwd: work,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@e',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@e',
      },
    })
      .toString()
      .trim();
  mkdirSync(work, { recursive: true });
  execFileSync('git', ['init', '--quiet', work]);
  git('fetch', '--quiet', bareDir, `+refs/heads/*:refs/remotes/bare/*`);
  const hasBranch = git('branch', '-r', '--list', `bare/${branch}`) !== '';
  git('checkout', '--quiet', '-B', branch, ...(hasBranch ? [`bare/${branch}`] : []));
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(work, file);
    if (content == null) git('rm', '--quiet', '-f', file);
    else {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, content);
      git('add', file);
    }
  }
  git('commit', '--quiet', '--allow-empty', '-m', message);
  git('push', '--quiet', bareDir, `HEAD:refs/heads/${branch}`);
  return git('rev-parse', 'HEAD');
}
