import { describe, expect, it } from 'vitest';
import { buildFetchArgs, buildGitEnv, GIT_CONFIG_ARGS } from '../../../src/git/git-client.js';

describe('git arguments', () => {
  it('fetches exactly one commit, shallow, without tags or submodules', () => {
    const sha = 'a'.repeat(40);
    expect(buildFetchArgs({ sha })).toEqual([
      'fetch',
      '--depth',
      '1',
      '--no-tags',
      '--no-recurse-submodules',
      'origin',
      sha,
    ]);
  });

  it('fetches a single branch into its remote-tracking ref', () => {
    expect(buildFetchArgs({ branch: 'feature/x' })).toContain('+refs/heads/feature/x:refs/remotes/origin/feature/x');
  });

  it('disables hooks for every command', () => {
    expect(GIT_CONFIG_ARGS).toContain('core.hooksPath=/dev/null');
  });

  it('passes credentials through GIT_CONFIG_* variables, never argv, and turns prompts and LFS smudge off', () => {
    const env = buildGitEnv(
      { 'http.extraHeader': 'Authorization: Basic c2VjcmV0' },
      { PATH: '/bin', HOME: '/h', SECRET_TOKEN: 'x' },
    );
    expect(env).toMatchObject({
      GIT_TERMINAL_PROMPT: '0',
      GIT_LFS_SKIP_SMUDGE: '1',
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'http.extraHeader',
      GIT_CONFIG_VALUE_0: 'Authorization: Basic c2VjcmV0',
    });
    expect(env.SECRET_TOKEN).toBeUndefined();
    expect(buildFetchArgs({ sha: 'b'.repeat(40) }).join(' ')).not.toContain('c2VjcmV0');
  });
});
