/**
 * Graph benchmark: parses a corpus (default /usr/lib/python3.11; BENCH_CORPUS to change it, or BENCH_PARSED for an
 * existing parse output), builds its graph, then, per batch size (BENCH_BATCH_SIZES, default 2000) and repeat
 * (BENCH_REPEAT, default 3), writes it into the running Neo4j under a throwaway repository three ways:
 *   fresh          the branch has no graph: every element is created
 *   unchanged      the same graph again: every element is compared, none written
 *   every changed  the same graph after every stored element was marked stale: every element is rewritten by key
 * and prints min / median wall seconds, graph elements per second and the CPU seconds of Neo4j and of this process.
 * Deletes everything it wrote.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { readConfig } from '../src/config/read-config.js';
import { buildGraph } from '../src/graph/build-graph.js';
import { createGraphDriver } from '../src/graph/create-graph-driver.js';
import { deleteRepoGraph } from '../src/graph/delete-repo-graph.js';
import { ensureGraphSchema } from '../src/graph/ensure-graph-schema.js';
import { writeBranchGraph } from '../test/helpers/write-branch-graph.js';
import type { ParseRecord } from '../src/parsers/parse-record.js';
import { parseRepository } from '../src/parsers/parse-repository.js';
import { readParseRecords } from '../src/parsers/read-parse-records.js';
import { median, printRows } from './bench/bench-kit.js';

// Wall-clock figures on a shared 2-core box depend on everyone else's load, so the CPU seconds Neo4j itself spent
// are printed too (its pid from BENCH_NEO4J_PID, else the local stack's pid file).
function neo4jPid(): string | null {
  const file = path.join(process.env.REPOGRAPH_DATA_DIR ?? '.data', 'run', 'neo4j.pid');
  return process.env.BENCH_NEO4J_PID ?? (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : null);
}

function neo4jCpuSeconds(pid: string | null): number {
  if (pid == null || !fs.existsSync(`/proc/${pid}/stat`)) return Number.NaN;
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const sum = (counts: Record<string, number>): number => Object.values(counts).reduce((a, b) => a + b, 0);

interface Measured {
  seconds: number;
  elements: number;
  written: number;
  neo4jCpu: number;
  ownCpu: number;
}

async function measure(pid: string | null, elements: number, run: () => Promise<{ written: number }>): Promise<Measured> {
  const neo4j = neo4jCpuSeconds(pid);
  const own = process.cpuUsage();
  const started = performance.now();
  const { written } = await run();
  const used = process.cpuUsage(own);
  return {
    seconds: (performance.now() - started) / 1000,
    elements,
    written,
    neo4jCpu: neo4jCpuSeconds(pid) - neo4j,
    ownCpu: (used.user + used.system) / 1e6,
  };
}

// Every stored node loses its content hash and every relationship gets an outdated stamp: the next write finds
// every element changed and rewrites it through the update path.
async function markEverythingStale(driver: Driver, database: string, repoId: string): Promise<void> {
  await driver.executeQuery('MATCH (n:KGNode {repo_id: $repoId}) REMOVE n.element_hash', { repoId }, { database });
  await driver.executeQuery(
    'MATCH (:KGNode {repo_id: $repoId})-[r]->() SET r.index_run_id = $stale',
    { repoId, stale: 'stale' },
    { database },
  );
}

function row(name: string, runs: Measured[]): [string, string] {
  const seconds = runs.map((r) => r.seconds);
  const perSecond = runs.map((r) => r.elements / r.seconds);
  return [
    name,
    `${Math.min(...seconds).toFixed(2)} / ${median(seconds).toFixed(2)} s, ` +
      `${Math.round(Math.max(...perSecond))} / ${Math.round(median(perSecond))} elements/s, ` +
      `${runs[0]!.written} written; CPU s Neo4j ${median(runs.map((r) => r.neo4jCpu)).toFixed(2)}, ` +
      `this process ${median(runs.map((r) => r.ownCpu)).toFixed(2)} (medians)`,
  ];
}

async function main(): Promise<void> {
  const config = readConfig();
  const corpus = process.env.BENCH_CORPUS ?? '/usr/lib/python3.11';
  const sizes = (process.env.BENCH_BATCH_SIZES ?? '2000').split(',').map(Number);
  const repeat = Number(process.env.BENCH_REPEAT ?? 3);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-graph-'));
  const driver = createGraphDriver(config.neo4j);
  const database = config.neo4j.database;
  const pid = neo4jPid();
  const repoId = `bench-graph-${process.pid}`;
  try {
    let parsedPath = process.env.BENCH_PARSED ?? path.join(scratch, 'parsed.ndjson');
    if (process.env.BENCH_PARSED == null) {
      const t = performance.now();
      await parseRepository({ root: corpus, outputPath: parsedPath, config: config.parser });
      console.log(`parse ${corpus}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    } else parsedPath = path.resolve(parsedPath);
    const tBuild = performance.now();
    const summary = await buildGraph({
      parsedPath,
      repoRoot: corpus,
      outDir: path.join(scratch, 'graph'),
      repoId,
      branch: 'main',
      githubRepoId: null,
      commitSha: 'bench',
    });
    const buildSeconds = (performance.now() - tBuild) / 1000;
    const elements = sum(summary.nodes) + sum(summary.relationships);
    console.log(`nodes ${JSON.stringify(summary.nodes)}`);
    console.log(`relationships ${JSON.stringify(summary.relationships)}`);
    await ensureGraphSchema(driver, database);
    const rows: [string, string][] = [
      ['corpus', `${corpus}: ${sum(summary.nodes)} nodes, ${sum(summary.relationships)} relationships`],
      ['build alone (no Neo4j)', `${buildSeconds.toFixed(2)} s, ${Math.round(elements / buildSeconds)} elements/s`],
    ];
    for (const batchSize of sizes) {
      const write = (runId: string) =>
        writeBranchGraph(
          driver,
          { database, runId, batchSize, concurrency: 2, spillDir: scratch },
          {
            records: () => readParseRecords(parsedPath) as AsyncIterable<ParseRecord>,
            repoRoot: corpus,
            ctx: { repoId, branch: 'main', commitSha: 'bench', githubRepoId: null },
          },
        );
      const fresh: Measured[] = [];
      const unchanged: Measured[] = [];
      const changed: Measured[] = [];
      for (let i = 0; i < repeat; i++) {
        process.stderr.write(`[bench] batch ${batchSize}, round ${i + 1}/${repeat}…\n`);
        await deleteRepoGraph(driver, { repoId, branch: null, database });
        fresh.push(await measure(pid, elements, () => write(`fresh-${i}`)));
        unchanged.push(await measure(pid, elements, () => write(`unchanged-${i}`)));
        await markEverythingStale(driver, database, repoId);
        changed.push(await measure(pid, elements, () => write(`changed-${i}`)));
      }
      rows.push(
        row(`batch ${batchSize}: fresh`, fresh),
        row(`batch ${batchSize}: unchanged`, unchanged),
        row(`batch ${batchSize}: every changed`, changed),
      );
    }
    rows.push(['load average', fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')]);
    printRows(rows);
  } finally {
    await deleteRepoGraph(driver, { repoId, branch: null, database });
    await driver.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
