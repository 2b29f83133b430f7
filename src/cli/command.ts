import { parseArgs } from 'node:util';

/** The options a command takes: `--name` flags that are switches (`boolean`) or take a value (`string`). */
export type CommandOptions = Record<string, { type: 'boolean' | 'string' }>;

/** A command's argv once parsed: the options given, by name, and the positional arguments in order. */
export interface CommandArgs<O extends CommandOptions = CommandOptions> {
  values: {
    [K in keyof O]?: O[K] extends { type: 'boolean' }
      ? boolean
      : O[K] extends { type: 'string' }
        ? string
        : string | boolean;
  };
  positionals: string[];
}

/**
 * A CLI sub-command. `main` parses its argv (everything after the verb) against `options` and `positionals`, the
 * same way for every command, so a flag it does not take, a value missing or too many arguments is exit 2 with
 * the command's usage before `run` is called.
 */
export interface Command<O extends CommandOptions = CommandOptions> {
  /** Full help text, printed for `repograph <verb> --help`; it starts with the usage lines, then a blank line. */
  help: string;
  /** The flags it takes; `--help`/`-h` are handled before parsing. */
  options: O;
  /** How many positional arguments it takes, at least and at most. */
  positionals: readonly [min: number, max: number];
  run(args: CommandArgs<O>): Promise<number>;
}

/** Declares a command; only here so that TypeScript infers the types of `run`'s arguments from `options`. */
export function defineCommand<O extends CommandOptions>(command: Command<O>): Command<O> {
  return command;
}

/** Exit codes shared by every command. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  unavailable: 3,
} as const;

/** Prints `error: <what>. To fix this problem, <how>` on stderr and returns the exit code to use. */
export function reportError(what: string, how: string, code: number = EXIT.failure): number {
  process.stderr.write(`error: ${what}. To fix this problem, ${how}\n`);
  return code;
}

/** The usage lines at the top of a command's help text. */
export function usageOf(help: string): string {
  return help.split(/\n\s*\n/, 1)[0] ?? help;
}

/** Reports a bad command line: the error, then the usage at the top of the command's `help`; returns exit code 2. */
export function reportUsageError(verb: string, help: string, what: string): number {
  reportError(what, `follow the usage below ('repograph ${verb} --help' shows more)`, EXIT.usage);
  process.stderr.write(`${usageOf(help)}\n`);
  return EXIT.usage;
}

// node:util's messages name the problem but suggest `--` tricks; the CLI says it in its own words.
function describeParseError(error: Error & { code?: string }): string {
  const option = /'(-[^' ]*)/.exec(error.message)?.[1] ?? '';
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option}`;
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/does not take an argument/.test(error.message)) return `${option} takes no value`;
    if (/ambiguous/.test(error.message))
      return `${option} needs a value (write ${option}=-x for one that starts with -)`;
    return `${option} needs a value`;
  }
  return (error.message.split('\n', 1)[0] ?? '').replace(/\.$/, '');
}

/**
 * Parses `argv` for `command`: its options only, strictly, and its number of positional arguments. Returns the
 * arguments, or the problem in words for {@link reportUsageError}.
 */
export function parseCommandArgs<O extends CommandOptions>(
  command: Command<O>,
  argv: string[],
): CommandArgs<O> | { problem: string } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: command.options, allowPositionals: true, strict: true });
  } catch (error) {
    return { problem: describeParseError(error as Error) };
  }
  const [min, max] = command.positionals;
  const count = parsed.positionals.length;
  if (count > max) {
    const extra = parsed.positionals.slice(max).map((p) => JSON.stringify(p));
    return { problem: `unexpected argument${extra.length > 1 ? 's' : ''} ${extra.join(' ')}` };
  }
  if (count < min) {
    return { problem: `expected ${min === max ? '' : 'at least '}${min} argument${min > 1 ? 's' : ''}, got ${count}` };
  }
  return parsed as CommandArgs<O>;
}

/** Parses `argv` for `command` and runs it; a bad command line is reported with its usage and exit code 2. */
export async function runCommand<O extends CommandOptions>(
  verb: string,
  command: Command<O>,
  argv: string[],
): Promise<number> {
  const args = parseCommandArgs(command, argv);
  return 'problem' in args ? reportUsageError(verb, command.help, args.problem) : command.run(args);
}
