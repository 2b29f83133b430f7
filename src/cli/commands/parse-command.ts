import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { readConfig } from '../../config/read-config.js';
import { parseRepository } from '../../parsers/parse-repository.js';
import type { ParseRecord } from '../../parsers/parse-record.js';
import type { ParseSummary } from '../../parsers/parse-summary.js';
import { defineCommand, EXIT, reportError } from '../command.js';

const PROBLEMS_SHOWN = 30;

/** `repograph parse <dir> [--json]`: parses a directory with no services and prints records or a summary. */
export const parseCommand = defineCommand({
  help: `Usage: repograph parse <dir> [--json]

Walks <dir> like the indexer does (.gitignore, excluded directories, size caps), parses every supported file
on PARSE_THREADS worker threads and prints a summary: files per language, symbols per kind, skipped files
by reason and the files that had problems. With --json, prints one ParseRecord (JSON) per line instead.
Exits 0 even when files had problems; non-zero only when <dir> cannot be read.

Examples:
  repograph parse .
  repograph parse /usr/lib/python3.11 --json > parsed.ndjson`,
  options: { json: { type: 'boolean' } },
  positionals: [1, 1],
  async run({ values, positionals }) {
    const json = values.json === true;
    const root = path.resolve(positionals[0]!);
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'repograph-parse-'));
    const outputPath = path.join(scratch, 'parsed.ndjson');
    try {
      let summary: ParseSummary;
      try {
        summary = await parseRepository({ root, outputPath, config: readConfig().parser });
      } catch (error) {
        return reportError(`cannot parse ${root}: ${(error as Error).message}`, 'pass a readable directory');
      }
      if (json) await copyTo(outputPath, process.stdout);
      else process.stdout.write(formatSummary(root, summary, await collectProblems(outputPath)));
      return EXIT.ok;
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  },
});

async function copyTo(file: string, out: NodeJS.WritableStream): Promise<void> {
  for await (const chunk of fs.createReadStream(file)) {
    if (!out.write(chunk as Buffer)) await new Promise((resolve) => out.once('drain', resolve));
  }
}

async function collectProblems(file: string): Promise<string[]> {
  const problems: string[] = [];
  const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    const record = JSON.parse(line) as ParseRecord;
    if (record.type !== 'file' || record.kind === 'skipped') continue;
    const { error, syntaxErrors, truncatedSymbols, invalidUtf8 } = record.problems;
    const notes = [
      error,
      syntaxErrors > 0 ? `${syntaxErrors} syntax error node(s)` : null,
      truncatedSymbols > 0 ? `${truncatedSymbols} symbol(s) over the cap dropped` : null,
      invalidUtf8 === true ? 'invalid UTF-8' : null,
    ].filter((note) => note != null);
    if (notes.length > 0) problems.push(`  ${record.relativePath}: ${notes.join('; ')}`);
  }
  return problems;
}

function formatCounts(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? 'none' : entries.map(([key, value]) => `${key} ${value}`).join(', ');
}

function formatSummary(root: string, s: ParseSummary, problems: string[]): string {
  const lines = [
    `parsed ${root} in ${(s.wallMs / 1000).toFixed(1)} s`,
    `directories: ${s.directories}`,
    `files: ${s.files} (code ${s.filesByKind.code}, text ${s.filesByKind.text}, skipped ${s.filesByKind.skipped})`,
    `languages: ${formatCounts(s.filesByLanguage)}`,
    `symbols: ${s.symbols} (${formatCounts(s.symbolsByKind)})`,
    `references: ${s.references}; text chunks: ${s.textChunks}; ${(s.bytes / 1e6).toFixed(1)} MB parsed`,
    `skipped: ${formatCounts(s.skipped)}`,
    `problems: ${s.failed} failed, ${s.timedOut} timed out, ${s.filesWithSyntaxErrors} with syntax errors`,
    ...problems.slice(0, PROBLEMS_SHOWN),
    ...(problems.length > PROBLEMS_SHOWN ? [`  … and ${problems.length - PROBLEMS_SHOWN} more (see --json)`] : []),
    ...s.errors.map((error) => `walk: ${error}`),
  ];
  return `${lines.join('\n')}\n`;
}
