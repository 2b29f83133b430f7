// Benchmark of the parsing engine: `npm run bench:parse -- <dir>`. Prints the full pipeline's throughput
// (walk + worker pool + extraction + NDJSON), on fresh threads and again on the same, warm threads (as a worker
// keeps them), next to the single-thread parse-only floor on the same files, and what the same number of fresh
// threads achieve when they only parse.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { readConfig } from '../src/config/read-config.js';
import { detectFileType } from '../src/parsers/languages/index.js';
import { ParsePool } from '../src/parsers/parse-pool.js';
import { parseRepository, type ParseRepositoryInput } from '../src/parsers/parse-repository.js';
import type { ParseSummary } from '../src/parsers/parse-summary.js';
import { grammarPath } from '../src/parsers/parser-cache.js';
import { parseOnlyFloor } from './bench/parse-floor.js';
import { walkRepository } from '../src/parsers/walk-repository.js';

// A thread that only reads, decodes and parses (no extraction, no output), fed one file at a time.
const PARSE_ONLY_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
(async () => {
  const { Parser, Language } = await import(workerData.webTreeSitter);
  await Parser.init();
  const parsers = new Map();
  const decoder = new TextDecoder();
  parentPort.on('message', async (task) => {
    if (task == null) return parentPort.postMessage('done');
    let parser = parsers.get(task.grammar);
    if (parser == null) {
      parser = new Parser();
      parser.setLanguage(await Language.load(task.grammar));
      parsers.set(task.grammar, parser);
    }
    const source = decoder.decode(fs.readFileSync(task.path));
    parser.parse((i) => source.slice(i, i + 4096))?.delete();
    parentPort.postMessage('parsed');
  });
})();
`;

/**
 * The best the pipeline could do on this machine: `threads` fresh threads that only read, decode and parse the
 * same files (no extraction, no output), cold like the pipeline's threads. Wall seconds from thread start.
 */
async function parallelParseOnly(root: string, threads: number): Promise<number> {
  const config = readConfig().parser;
  const tasks: { path: string; grammar: string }[] = [];
  for await (const entry of walkRepository(root, config)) {
    if (entry.type !== 'file' || entry.skipReason != null) continue;
    const type = detectFileType(entry.relativePath);
    if (type.kind === 'code') tasks.push({ path: entry.absolutePath, grammar: grammarPath(type.spec.grammar) });
  }
  const webTreeSitter = import.meta.resolve('web-tree-sitter');
  const started = performance.now();
  let next = 0;
  const run = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(PARSE_ONLY_THREAD, { eval: true, workerData: { webTreeSitter } });
      const feed = (): void => worker.postMessage(next < tasks.length ? tasks[next++] : null);
      worker.on('error', reject);
      worker.on('message', (message: string) => {
        if (message === 'done') void worker.terminate().then(() => resolve());
        else feed();
      });
      feed();
    });
  await Promise.all(Array.from({ length: threads }, run));
  return (performance.now() - started) / 1000;
}

/** One pipeline run on `pool`: its summary and the CPU seconds of every thread of the process. */
async function pipelineRun(
  input: Pick<ParseRepositoryInput, 'root' | 'outputPath' | 'config' | 'pool'>,
): Promise<{ summary: ParseSummary; cpuSeconds: number }> {
  const cpuBefore = process.cpuUsage();
  const summary = await parseRepository(input);
  const cpu = process.cpuUsage(cpuBefore);
  return { summary, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

async function main(): Promise<void> {
  const root = process.argv[2];
  if (root == null) {
    process.stderr.write('usage: npm run bench:parse -- <dir>\n');
    process.exitCode = 2;
    return;
  }
  const config = readConfig().parser;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-parse-'));
  try {
    const pool = new ParsePool(config.threads, config.fileTimeoutMs);
    const runs: { summary: ParseSummary; cpuSeconds: number }[] = [];
    try {
      for (let i = 0; i < 2; i++)
        runs.push(await pipelineRun({ root, outputPath: path.join(scratch, 'parsed.ndjson'), config, pool }));
    } finally {
      await pool.close();
    }
    const [cold, warm] = runs as [(typeof runs)[0], (typeof runs)[0]];
    const summary = cold.summary;
    const pipelineRssMb = process.resourceUsage().maxRSS / 1024;
    const floor = await parseOnlyFloor(root);
    const ceilingSeconds = await parallelParseOnly(root, config.threads);
    const mb = summary.bytes / 1e6;
    const floorMbps = floor.bytes / 1e6 / floor.seconds;
    const timing = (name: string, run: typeof cold): string[] => {
      const seconds = run.summary.wallMs / 1000;
      const busy = (run.cpuSeconds / seconds).toFixed(2);
      return [
        `${`wall s (${name})`.padEnd(20)}${seconds.toFixed(2)} (${(mb / seconds).toFixed(2)} MB/s, ${(mb / seconds / floorMbps).toFixed(2)}x the floor)`,
        `${`CPU s (${name})`.padEnd(20)}${run.cpuSeconds.toFixed(2)} (all threads; ${busy} cores busy on average)`,
      ];
    };
    const lines = [
      `dir                 ${path.resolve(root)}`,
      `threads             ${config.threads} (cores ${os.availableParallelism()}, load ${os.loadavg()[0]!.toFixed(1)})`,
      `files               ${summary.files} (code ${summary.filesByKind.code}, text ${summary.filesByKind.text}, skipped ${summary.filesByKind.skipped})`,
      `MB parsed           ${mb.toFixed(2)}`,
      `symbols             ${summary.symbols}`,
      `references          ${summary.references}`,
      ...timing('fresh pool', cold),
      ...timing('warm pool', warm),
      `parse-only floor    ${floor.seconds.toFixed(2)} s for ${floor.files} code files, ${(floor.bytes / 1e6).toFixed(2)} MB, ${floorMbps.toFixed(2)} MB/s single thread`,
      `parse-only, ${config.threads} thr ${ceilingSeconds.toFixed(2)} s, ${(floor.bytes / 1e6 / ceilingSeconds / floorMbps).toFixed(2)}x the floor (cold threads, no extraction: the ceiling)`,
      `peak RSS MB         ${pipelineRssMb.toFixed(0)} (pipeline), ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} (incl. floor)`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
