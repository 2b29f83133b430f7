/**
 * Environment variables that make git send `Authorization: Basic base64(x-access-token:<token>)` to the
 * clone URL's origin only, through `GIT_CONFIG_COUNT`/`GIT_CONFIG_KEY_n`/`GIT_CONFIG_VALUE_n` (git ≥ 2.31). The
 * token never appears in the URL, in argv (visible in `ps`) or in `.git/config` (parity C1, C2). Merge the result
 * into the environment of the git child process only, never into `process.env`.
 */
export function createGitAuthEnv(token: string, cloneUrl: string): Record<string, string> {
  const origin = new URL(cloneUrl).origin;
  const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
  return {
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: `http.${origin}/.extraHeader`,
    GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`,
    GIT_TERMINAL_PROMPT: '0',
  };
}
