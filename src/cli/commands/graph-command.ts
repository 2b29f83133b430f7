import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { readConfig } from '../../config/read-config.js';
import { buildGraph, type GraphSummary } from '../../graph/build-graph.js';
import { NODE_LABELS, REL_TYPES, nodeFileName, relFileName } from '../../graph/graph-model.js';
import { parseRepository } from '../../parsers/parse-repository.js';
import { defineCommand, EXIT, reportError } from '../command.js';

async function printRows(graphDir: string, out: NodeJS.WritableStream): Promise<void> {
  const write = async (line: string): Promise<void> => {
    if (!out.write(`${line}\n`)) await new Promise((resolve) => out.once('drain', resolve));
  };
  const files = [
    ...NODE_LABELS.map((label) => ({ file: nodeFileName(label), label, type: null })),
    ...REL_TYPES.map((type) => ({ file: relFileName(type), label: null, type })),
  ];
  for (const { file, label, type } of files) {
    const full = path.join(graphDir, file);
    if (!fs.existsSync(full)) continue;
    for await (const line of readline.createInterface({ input: fs.createReadStream(full), crlfDelay: Infinity })) {
      if (line === '') continue;
      const row = JSON.parse(line) as { node_id?: string; source?: string; target?: string; props: object };
      await write(
        JSON.stringify(
          label != null
            ? { label, node_id: row.node_id, properties: row.props }
            : { type, source: row.source, target: row.target, properties: row.props },
        ),
      );
    }
  }
}

/** Renders a build summary for people: counts per label, relationship type, resolution and unresolved language. */
export function formatGraphSummary(dir: string, summary: GraphSummary): string {
  const block = (title: string, counts: Record<string, number>): string => {
    const entries = Object.entries(counts).filter(([, n]) => n > 0);
    const width = Math.max(0, ...entries.map(([k]) => k.length));
    return `${title}\n${entries.map(([k, n]) => `  ${k.padEnd(width)}  ${n}`).join('\n') || '  (none)'}\n`;
  };
  const unresolved = Object.entries(summary.unresolved).map(
    ([language, c]) =>
      `  ${language}: imports ${c.imports}, calls ${c.calls}, module-level calls ${c.callerlessCalls}, bases ${c.bases}`,
  );
  return [
    `graph of ${dir}: ${summary.directories} directories, ${summary.files} files\n`,
    block('nodes', summary.nodes),
    block('relationships', summary.relationships),
    block('resolutions', summary.resolutions),
    `unresolved references\n${unresolved.join('\n') || '  (none)'}\n`,
  ].join('\n');
}

/** `repograph graph <dir> [--json]`: builds the graph of a directory with no services and prints it. */
export const graphCommand = defineCommand({
  help: `Usage: repograph graph <dir> [--json] [--parsed <parsed.ndjson>] [--repo-id <id>]

Parses <dir> like the indexer does, builds the graph (FileNode, SymbolNode, TextNode; HAS_FILE, HAS_SYMBOL,
CONTAINS_SYMBOL, HAS_TEXT, NEXT_CHUNK, IMPORTS, CALLS, INHERITS, IMPLEMENTS) and prints a summary: nodes per
label, relationships per type, how references were resolved and unresolved references per language.
With --json, prints one JSON object per line instead: nodes {label, node_id, properties}, then relationships
{type, source, target, properties}. --parsed uses an existing parse output instead of parsing <dir>;
--repo-id sets the repository id node ids derive from (default "local").

Examples:
  repograph graph .
  repograph graph /usr/lib/python3.11 --json > graph.ndjson`,
  options: { json: { type: 'boolean' }, parsed: { type: 'string' }, 'repo-id': { type: 'string' } },
  positionals: [1, 1],
  async run({ values, positionals }) {
    const args = {
      dir: path.resolve(positionals[0]!),
      json: values.json === true,
      parsed: values.parsed == null ? null : path.resolve(values.parsed),
      repoId: values['repo-id'] ?? 'local',
    };
    if (!fs.existsSync(args.dir) || !fs.statSync(args.dir).isDirectory()) {
      return reportError(`${args.dir} is not a directory`, 'pass the path of a readable directory', EXIT.usage);
    }
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'repograph-graph-'));
    try {
      const parsedPath = args.parsed ?? path.join(scratch, 'parsed.ndjson');
      if (args.parsed == null)
        await parseRepository({ root: args.dir, outputPath: parsedPath, config: readConfig().parser });
      const graphDir = path.join(scratch, 'graph');
      const summary = await buildGraph({
        parsedPath,
        repoRoot: args.dir,
        outDir: graphDir,
        repoId: args.repoId,
        branch: 'local',
        githubRepoId: null,
        commitSha: null,
      });
      if (args.json) await printRows(graphDir, process.stdout);
      else process.stdout.write(formatGraphSummary(args.dir, summary));
      return EXIT.ok;
    } catch (error) {
      return reportError(
        `cannot build the graph of ${args.dir}: ${(error as Error).message}`,
        'check that the directory and parse output are readable',
      );
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  },
});
