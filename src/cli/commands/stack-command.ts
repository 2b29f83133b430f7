import { runStackScript } from '../../stack/run-stack-script.js';
import { defineCommand, reportUsageError } from '../command.js';

const VERBS = ['up', 'down', 'status', 'logs'];
const SERVICES = ['postgres', 'neo4j', 'temporal'];

const HELP = `Usage: repograph stack <up|down|status|logs> [postgres|neo4j|temporal …]

Starts real Temporal (dev server), Neo4j and PostgreSQL processes on 127.0.0.1, building or fetching them
into .cache/ the first time. Services whose address variable points elsewhere are left alone. Without a
service, a verb applies to all three; 'logs' follows one service's log, or all of them.

Examples:
  repograph stack up          # provision what is missing and start everything
  repograph stack status      # health of each service
  repograph stack logs neo4j  # tail one service's log
  repograph stack down        # stop exactly what 'up' started`;

/** `repograph stack up|down|status|logs [service…]`: runs scripts/stack. */
export const stackCommand = defineCommand({
  help: HELP,
  options: {},
  positionals: [1, 1 + SERVICES.length],
  async run({ positionals }) {
    const [verb = '', ...services] = positionals;
    if (!VERBS.includes(verb)) return reportUsageError('stack', HELP, `unknown verb "${verb}"`);
    const unknown = services.find((s) => !SERVICES.includes(s));
    if (unknown != null) return reportUsageError('stack', HELP, `unknown service "${unknown}"`);
    if (verb === 'logs' && services.length > 1) {
      return reportUsageError('stack', HELP, "'logs' follows one service or all of them");
    }
    return runStackScript(positionals);
  },
});
