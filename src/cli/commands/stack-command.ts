import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Command } from '../command.js';

const SCRIPT = fileURLToPath(new URL('../../../scripts/stack', import.meta.url));

/** `repograph stack up|down|status|logs`: a thin wrapper over scripts/stack. */
export const stackCommand: Command = {
  help: `Usage: repograph stack <up|down|status|logs> [service]

Starts real Temporal (dev server), Neo4j and PostgreSQL processes on 127.0.0.1, building or fetching them
into .cache/ the first time. Services whose address variable points elsewhere are left alone.

Examples:
  repograph stack up          # provision what is missing and start everything
  repograph stack status      # health of each service
  repograph stack logs neo4j  # tail one service's log
  repograph stack down        # stop exactly what 'up' started`,
  run(argv) {
    return new Promise((resolve) => {
      const child = spawn('bash', [SCRIPT, ...argv], { stdio: 'inherit' });
      child.on('exit', (code) => resolve(code ?? 1));
      child.on('error', () => resolve(1));
    });
  },
};
