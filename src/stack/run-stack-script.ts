import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// src/stack/ and its build, dist/stack/, sit at the same depth under the repository root.
const STACK_SCRIPT = fileURLToPath(new URL('../../scripts/stack', import.meta.url));

/** Options of {@link runStackScript}. */
export interface StackScriptOptions {
  /** Variables set for the script on top of this process's environment (service addresses, ports, data dir). */
  env?: Record<string, string>;
  /**
   * Where the script's standard output goes: this process's stdout (the default, for `repograph stack`), or its
   * stderr, so that a command whose stdout is its result (`index --json`) keeps it clean.
   */
  stdout?: 'stdout' | 'stderr';
}

/**
 * Runs `scripts/stack <args>`, the script that provisions, starts, stops and inspects the local Temporal, Neo4j and
 * PostgreSQL, and resolves with its exit code (1 when bash cannot be started, 128 + n when signal n ended it). Its
 * messages go to this process's stderr as they come.
 */
export function runStackScript(args: readonly string[], options: StackScriptOptions = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('bash', [STACK_SCRIPT, ...args], {
      env: { ...process.env, ...options.env },
      stdio: ['ignore', options.stdout === 'stderr' ? 2 : 'inherit', 'inherit'],
    });
    child.once('error', () => resolve(1));
    child.once('exit', (code, signal) => resolve(code ?? 128 + (signal == null ? 0 : signalNumber(signal))));
  });
}

function signalNumber(signal: NodeJS.Signals): number {
  return { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }[signal as string] ?? 0;
}
