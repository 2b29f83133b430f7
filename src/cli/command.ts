/** A CLI sub-command: parses its own argv (everything after the verb) and returns the process exit code. */
export interface Command {
  /** Full help text with usage and examples, printed for `repograph <verb> --help`. */
  help: string;
  run(argv: string[]): Promise<number>;
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
