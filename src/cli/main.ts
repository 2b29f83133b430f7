import { EXIT, type Command } from './command.js';

/** Every sub-command, loaded lazily so that `repograph parse` never loads Temporal or Neo4j code. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  stack: async () => (await import('./commands/stack-command.js')).stackCommand,
  parse: async () => (await import('./commands/parse-command.js')).parseCommand,
  graph: async () => (await import('./commands/graph-command.js')).graphCommand,
  worker: async () => (await import('./commands/worker-command.js')).workerCommand,
  index: async () => (await import('./commands/index-command.js')).indexCommand,
  status: async () => (await import('./commands/status-command.js')).statusCommand,
  query: async () => (await import('./commands/query-command.js')).queryCommand,
  serve: async () => (await import('./commands/serve-command.js')).serveCommand,
  reindex: async () => (await import('./commands/reindex-command.js')).reindexCommand,
  'index-installation': async () => (await import('./commands/index-installation-command.js')).indexInstallationCommand,
};

function usage(summaries: [string, string][]): string {
  const width = Math.max(...summaries.map(([name]) => name.length));
  const lines = summaries.map(([name, summary]) => `  ${name.padEnd(width)}  ${summary}`);
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
    const summaries: [string, string][] = [];
    for (const [name, load] of Object.entries(COMMANDS)) summaries.push([name, (await load()).summary]);
    process.stdout.write(usage(summaries));
    return verb == null ? EXIT.usage : EXIT.ok;
  }
  const load = COMMANDS[verb];
  if (load == null) {
    process.stderr.write(
      `error: unknown command "${verb}". To fix this problem, run 'repograph --help' for the list.\n`,
    );
    return EXIT.usage;
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.help}\n`);
    return EXIT.ok;
  }
  return command.run(rest);
}
