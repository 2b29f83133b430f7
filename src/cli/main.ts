import { EXIT, runCommand, type Command } from './command.js';

/** A sub-command as the CLI lists it: its one-line summary, and its module, imported only when the command runs. */
export interface CommandEntry {
  summary: string;
  load(): Promise<Command>;
}

// The summaries live here rather than in the command modules so that `repograph --help` imports none of them
// (several pull in Temporal, Neo4j or tree-sitter, which take most of a second to load).
/** Every sub-command by verb, in the order `repograph --help` lists them. */
export const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  stack: {
    summary: 'Provision, start, stop or inspect the local Temporal, Neo4j and PostgreSQL',
    load: async () => (await import('./commands/stack-command.js')).stackCommand,
  },
  parse: {
    summary: 'Parse a directory with tree-sitter and print symbols per file or a summary (no services needed)',
    load: async () => (await import('./commands/parse-command.js')).parseCommand,
  },
  graph: {
    summary: 'Build the code graph of a directory (no services needed) and print nodes and relationships or a summary',
    load: async () => (await import('./commands/graph-command.js')).graphCommand,
  },
  worker: {
    summary: 'Run the indexing worker (workflows + activities) until interrupted',
    load: async () => (await import('./commands/worker-command.js')).workerCommand,
  },
  index: {
    summary: 'Index a git repository (URL or local path) into the knowledge graph and print where to look',
    load: async () => (await import('./commands/index-command.js')).indexCommand,
  },
  status: {
    summary: 'Show indexed repositories and branches (graph counts, snapshots) and running indexing workflows',
    load: async () => (await import('./commands/status-command.js')).statusCommand,
  },
  query: {
    summary: 'Run a named graph query (callers, import cycles, …) against Neo4j',
    load: async () => (await import('./commands/query-command.js')).queryCommand,
  },
  serve: {
    summary: 'Serve GitHub webhooks and the indexing API (POST /webhooks, /api/*, /healthz)',
    load: async () => (await import('./commands/serve-command.js')).serveCommand,
  },
  reindex: {
    summary: 'Index a GitHub repository of the App now (private ones too)',
    load: async () => (await import('./commands/reindex-command.js')).reindexCommand,
  },
  'index-installation': {
    summary: 'Index every repository of a GitHub App installation',
    load: async () => (await import('./commands/index-installation-command.js')).indexInstallationCommand,
  },
};

function usage(): string {
  const names = Object.keys(COMMANDS);
  const width = Math.max(...names.map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, entry]) => `  ${name.padEnd(width)}  ${entry.summary}`);
  return `repograph: turn Git repositories into a code knowledge graph

Usage: repograph <command> [options]      (repograph <command> --help for details)

Commands:
${lines.join('\n')}
`;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb == null || verb === '--help' || verb === '-h' || verb === 'help') {
    process.stdout.write(usage());
    return verb == null ? EXIT.usage : EXIT.ok;
  }
  const entry = Object.hasOwn(COMMANDS, verb) ? COMMANDS[verb] : undefined;
  if (entry == null) {
    process.stderr.write(
      `error: unknown command "${verb}". To fix this problem, run 'repograph --help' for the list.\n`,
    );
    return EXIT.usage;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.help}\n`);
    return EXIT.ok;
  }
  return runCommand(verb, command, rest);
}
