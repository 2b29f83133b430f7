import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXIT } from '../../../src/cli/command.js';
import { main } from '../../../src/cli/main.js';

describe('GitHub CLI commands: argument errors', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each([
    [['reindex'], 'expected 1 argument, got 0'],
    [['reindex', 'not-a-repo'], 'expected <owner/repo>, got "not-a-repo"'],
    [['reindex', 'a/b', '--bogus'], 'unknown option --bogus'],
    [['index-installation'], 'expected 1 argument, got 0'],
    [['index-installation', 'x'], 'the installation id must be a number'],
    [['index-installation', '12', '--repos', 'x,y'], '--repos must list numeric'],
    [['serve', 'extra'], 'unexpected argument "extra"'],
  ])('%j exits with a usage error naming the fix', async (argv, text) => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await main(argv)).toBe(EXIT.usage);
    const written = stderr.mock.calls.map((c) => String(c[0])).join('');
    expect(written).toContain(text);
    expect(written).toContain('To fix this problem');
  });

  it('lists the commands in the help', async () => {
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect(await main(['--help'])).toBe(EXIT.ok);
    const written = stdout.mock.calls.map((c) => String(c[0])).join('');
    for (const verb of ['serve', 'reindex', 'index-installation']) expect(written).toContain(verb);
  });
});
