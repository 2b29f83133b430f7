import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXIT, parseCommandArgs, usageOf, type Command } from '../../../src/cli/command.js';
import { COMMANDS, main } from '../../../src/cli/main.js';

const VERBS = Object.keys(COMMANDS);

/** Runs the CLI in this process with `argv` and returns its exit code and what it wrote. */
async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => out.push(String(chunk)) > 0);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => err.push(String(chunk)) > 0);
  try {
    const code = await main(argv);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    vi.restoreAllMocks();
  }
}

async function helpOf(verb: string): Promise<string> {
  return (await COMMANDS[verb]!.load()).help;
}

describe('every command parses its argv the same way', () => {
  afterEach(() => vi.restoreAllMocks());

  // Positional arguments each command would accept, so that the bogus flag is the only thing wrong.
  const VALID: Record<string, string[]> = {
    graph: ['.'],
    index: ['.'],
    'index-installation': ['42'],
    parse: ['.'],
    query: ['callers'],
    reindex: ['acme/api'],
    serve: [],
    stack: ['status'],
    status: [],
    worker: [],
  };

  it('has arguments to pass for every command, so a new one is covered too', () => {
    expect(Object.keys(VALID).sort()).toEqual([...VERBS].sort());
  });

  it.each(VERBS)('%s --bogus exits 2 with the command usage, before touching any service', async (verb) => {
    for (const argv of [
      [verb, '--bogus'],
      [verb, ...(VALID[verb] ?? []), '--bogus'],
      [verb, '-z', ...(VALID[verb] ?? [])],
    ]) {
      const { code, stdout, stderr } = await cli(argv);
      expect(code, argv.join(' ')).toBe(EXIT.usage);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^error: unknown option (--bogus|-z)\. To fix this problem, follow the usage below/);
      expect(stderr).toContain(`${usageOf(await helpOf(verb))}\n`);
      expect(stderr).toContain(`Usage: repograph ${verb}`);
    }
  });

  it.each([
    [['index'], 'expected 1 argument, got 0'],
    [['index', 'a', 'b'], 'unexpected argument "b"'],
    [['index', '.', '--branch'], '--branch needs a value'],
    [['index', '.', '--branch', '--force'], '--branch needs a value (write --branch=-x for one that starts with -)'],
    [['index', '.', '--force=yes'], '--force takes no value'],
    [['status', 'a', 'b'], 'unexpected argument "b"'],
    [['parse'], 'expected 1 argument, got 0'],
    [['graph', '.', '--parsed'], '--parsed needs a value'],
    [['query', 'callers', 'extra'], 'unexpected argument "extra"'],
    [['stack'], 'expected at least 1 argument, got 0'],
    [['stack', 'restart'], 'unknown verb "restart"'],
    [['stack', 'up', 'redis'], 'unknown service "redis"'],
    [['worker', 'now'], 'unexpected argument "now"'],
  ])('%j exits 2 saying what is wrong', async (argv, problem) => {
    const { code, stderr } = await cli(argv);
    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain(`error: ${problem}. To fix this problem`);
    expect(stderr).toContain(`Usage: repograph ${argv[0]}`);
  });

  it('still answers --help with the whole help, exit 0', async () => {
    const { code, stdout } = await cli(['status', '--bogus', '--help']);
    expect(code).toBe(EXIT.ok);
    expect(stdout).toBe(`${await helpOf('status')}\n`);
  });
});

describe('parseCommandArgs', () => {
  const command: Command<{ name: { type: 'string' }; loud: { type: 'boolean' } }> = {
    help: 'Usage: x <a> [b]\n\nMore.',
    options: { name: { type: 'string' }, loud: { type: 'boolean' } },
    positionals: [1, 2],
    run: () => Promise.resolve(0),
  };

  it('returns the options by name and the positionals in order, -- ending the options', () => {
    expect(parseCommandArgs(command, ['a', '--name=n', '--loud', '--', '--b'])).toEqual({
      values: { name: 'n', loud: true },
      positionals: ['a', '--b'],
    });
  });

  it('reads the usage as the lines before the first blank line', () => {
    expect(usageOf(command.help)).toBe('Usage: x <a> [b]');
  });
});
