import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitAuthEnv } from '../../../src/github/create-git-auth-env.js';
import {
  commitFiles,
  createBareRepository,
  startGitHttpServer,
  type GitHttpServer,
} from '../../helpers/git-http-server.js';

const run = promisify(execFile);
const TOKEN = 'ghs_unit_test_token_0123456789';

describe('git over smart HTTP with the installation token in an extra header', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'repograph-git-auth-'));
  let server: GitHttpServer;
  let sha: string;

  beforeAll(async () => {
    const bare = createBareRepository(path.join(dir, 'srv'), 'acme/private', 'trunk');
    sha = commitFiles(bare, 'trunk', { 'a.py': 'def f():\n    return 1\n' }, 'first');
    server = await startGitHttpServer(path.join(dir, 'srv'), (token) => token === TOKEN);
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('clones a private repository without the token in the URL, argv or .git/config', async () => {
    const url = `${server.url}/acme/private.git`;
    const target = path.join(dir, 'clone');
    await run('git', ['clone', '--quiet', '--depth', '1', '--branch', 'trunk', url, target], {
      env: { ...process.env, ...createGitAuthEnv(TOKEN, url) },
    });
    const { stdout } = await run('git', ['rev-parse', 'HEAD'], { cwd: target });
    expect(stdout.trim()).toBe(sha);
    expect(readFileSync(path.join(target, '.git', 'config'), 'utf8')).not.toContain(TOKEN);
    expect(server.requests.some((r) => r.url.includes(TOKEN))).toBe(false);
    expect(server.requests.filter((r) => r.status === 200).length).toBeGreaterThan(0);
  });

  it('is refused with a wrong token, and git does not prompt', async () => {
    const url = `${server.url}/acme/private.git`;
    const error = await run('git', ['ls-remote', url], {
      env: { ...process.env, ...createGitAuthEnv('ghs_wrong', url) },
      timeout: 20_000,
    }).catch((e: { stderr: string }) => e);
    expect((error as { stderr: string }).stderr).toMatch(/401|Authentication failed|could not read Username/i);
  });

  it('scopes the header to the clone URL origin', () => {
    const env = createGitAuthEnv(TOKEN, 'https://github.example.com/acme/x.git');
    expect(env.GIT_CONFIG_KEY_0).toBe('http.https://github.example.com/.extraHeader');
    expect(Buffer.from(env.GIT_CONFIG_VALUE_0!.replace('Authorization: Basic ', ''), 'base64').toString()).toBe(
      `x-access-token:${TOKEN}`,
    );
  });
});
