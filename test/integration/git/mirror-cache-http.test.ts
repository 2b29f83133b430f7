import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MirrorCache } from '../../../src/git/mirror-cache.js';
import type { RepoSource } from '../../../src/git/repo-source.js';
import { listTree } from '../../../src/git/list-tree.js';
import {
  commitFiles,
  createBareRepository,
  startGitHttpServer,
  type GitHttpServer,
} from '../../helpers/git-http-server.js';

// Mirrors fetched over smart HTTP with an installation token: the token must reach the host and nothing else.
describe('mirror cache over smart HTTP', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'rg-mirror-http-'));
  const SECRET = 'ghs_mirror_secret_4711';
  const encoded = Buffer.from(`x-access-token:${SECRET}`).toString('base64');
  let server: GitHttpServer;
  let first: string;
  let second: string;

  beforeAll(async () => {
    const bare = createBareRepository(path.join(root, 'srv'), 'acme/private', 'main');
    first = commitFiles(bare, 'main', { 'a.py': 'def a():\n    return 1\n' }, 'one');
    second = commitFiles(bare, 'main', { 'b/c.py': 'def c():\n    return 2\n' }, 'two');
    server = await startGitHttpServer(path.join(root, 'srv'), (t) => t === SECRET);
  });
  afterAll(async () => {
    await server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** Every file under `dir` whose bytes mention the secret in clear or base64. */
  function filesMentioningSecret(dir: string): string[] {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name))
      .filter((file) => {
        const text = readFileSync(file).toString('latin1');
        return text.includes(SECRET) || text.includes(encoded);
      });
  }

  async function fetchBoth(cache: MirrorCache, source: RepoSource): Promise<string[]> {
    const states: string[] = [];
    for (const sha of [first, second]) {
      states.push(await cache.withCommit(source, sha, 'heads/main', async (m) => m.state));
    }
    return states;
  }

  it('a token passed as http.extraHeader is used for the fetch and written nowhere under the mirror dir', async () => {
    const mirrors = path.join(root, 'mirrors-header');
    const cache = new MirrorCache({ root: mirrors, maxBytes: 1e12 });
    const source: RepoSource = {
      url: `${server.url}/acme/private.git`,
      isLocal: false,
      gitConfig: async () => ({ 'http.extraHeader': `Authorization: Basic ${encoded}` }),
    };
    expect(await fetchBoth(cache, source)).toEqual(['cloned', 'fetched']);
    expect((await listTree(cache.gitDirOf(source), second)).map((e) => e.path)).toEqual(['a.py', 'b', 'b/c.py']);
    expect(server.requests.some((r) => r.status === 200 && r.authorization === `Basic ${encoded}`)).toBe(true);
    expect(readFileSync(path.join(cache.gitDirOf(source), 'config'), 'utf8')).not.toMatch(/extraHeader|Authorization/i);
    expect(filesMentioningSecret(mirrors)).toEqual([]);
  });

  it('credentials inside the URL are used for the fetch and written nowhere under the mirror dir', async () => {
    const mirrors = path.join(root, 'mirrors-url');
    const cache = new MirrorCache({ root: mirrors, maxBytes: 1e12 });
    const url = new URL(`${server.url}/acme/private.git`);
    url.username = 'x-access-token';
    url.password = SECRET;
    const source: RepoSource = { url: url.toString(), isLocal: false, gitConfig: async () => ({}) };
    expect(await fetchBoth(cache, source)).toEqual(['cloned', 'fetched']);
    expect(filesMentioningSecret(mirrors)).toEqual([]);
  });

  it('a refused token fails the fetch without deleting the mirror', async () => {
    const mirrors = path.join(root, 'mirrors-refused');
    const cache = new MirrorCache({ root: mirrors, maxBytes: 1e12 });
    const good: RepoSource = {
      url: `${server.url}/acme/private.git`,
      isLocal: false,
      gitConfig: async () => ({ 'http.extraHeader': `Authorization: Basic ${encoded}` }),
    };
    await cache.withCommit(good, first, 'heads/main', async () => undefined);
    const bad: RepoSource = {
      ...good,
      gitConfig: async () => ({
        'http.extraHeader': `Authorization: Basic ${Buffer.from('x-access-token:revoked').toString('base64')}`,
      }),
    };
    await expect(cache.withCommit(bad, second, 'heads/main', async () => undefined)).rejects.toThrow();
    // The mirror still has the first commit: a refusal of the host is no reason to throw the copy away.
    expect(await cache.withCommit(good, first, 'heads/main', async (m) => m.state)).toBe('up-to-date');
  });
});
