/**
 * Graph benchmark: parses a corpus (default /usr/lib/python3.11; BENCH_CORPUS to change it, or BENCH_PARSED for an
 * existing parse output), builds its graph, then writes it into the running Neo4j under a throwaway repo id once
 * per batch size (BENCH_BATCH_SIZES, default 500,1000,2000,5000) and prints nodes, relationships, seconds and
 * graph elements per second. Deletes everything it wrote.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readConfig } from '../src/config/read-config.js';
import { buildGraph } from '../src/graph/build-graph.js';
import { createGraphDriver } from '../src/graph/create-graph-driver.js';
import { deleteRepoGraph } from '../src/graph/delete-repo-graph.js';
import { ensureGraphSchema } from '../src/graph/ensure-graph-schema.js';
import { writeBranchGraph } from '../src/graph/write-branch-graph.js';
import type { ParseRecord } from '../src/parsers/parse-record.js';
import { parseRepository } from '../src/parsers/parse-repository.js';
import { readParseRecords } from '../src/parsers/read-parse-records.js';

// Wall-clock figures on a shared 2-core box depend on everyone else's load, so the CPU seconds Neo4j itself spent
// (BENCH_NEO4J_PID, read from /proc) are printed too: elements per Neo4j CPU-second is the load-independent figure.
function cpuSeconds(pid: string | undefined): number | null {
  if (pid == null || !fs.existsSync(`/proc/${pid}/stat`)) return null;
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const sum = (counts: Record<string, number>): number => Object.values(counts).reduce((a, b) => a + b, 0);

async function main(): Promise<void> {
  const config = readConfig();
  const corpus = process.env.BENCH_CORPUS ?? '/usr/lib/python3.11';
  const sizes = (process.env.BENCH_BATCH_SIZES ?? '500,1000,2000,5000').split(',').map(Number);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-graph-'));
  const driver = createGraphDriver(config.neo4j);
  const database = config.neo4j.database;
  try {
    let parsedPath = process.env.BENCH_PARSED ?? path.join(scratch, 'parsed.ndjson');
    if (process.env.BENCH_PARSED == null) {
      const t = performance.now();
      await parseRepository({ root: corpus, outputPath: parsedPath, config: config.parser });
      console.log(`parse ${corpus}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    } else parsedPath = path.resolve(parsedPath);
    const graphDir = path.join(scratch, 'graph'); // the NDJSON build, for its summary
    const tBuild = performance.now();
    const repoId = `bench-graph-${process.pid}`;
    const summary = await buildGraph({
      parsedPath,
      repoRoot: corpus,
      outDir: graphDir,
      repoId,
      branch: 'main',
      githubRepoId: null,
      commitSha: 'bench',
    });
    const buildSeconds = (performance.now() - tBuild) / 1000;
    const nodes = sum(summary.nodes);
    const rels = sum(summary.relationships);
    console.log(
      `build: ${nodes} nodes, ${rels} relationships in ${buildSeconds.toFixed(1)} s (${Math.round((nodes + rels) / buildSeconds)} elements/s)`,
    );
    console.log(`nodes ${JSON.stringify(summary.nodes)}`);
    console.log(`relationships ${JSON.stringify(summary.relationships)}`);
    console.log(`resolutions ${JSON.stringify(summary.resolutions)}`);
    console.log(`unresolved ${JSON.stringify(summary.unresolved)}`);
    await ensureGraphSchema(driver, database);
    for (const batchSize of sizes) {
      await deleteRepoGraph(driver, { repoId, branch: null, database });
      const cpu0 = cpuSeconds(process.env.BENCH_NEO4J_PID);
      const t = performance.now();
      const write = (runId: string, commitSha: string) =>
        writeBranchGraph(
          driver,
          { database, runId, batchSize, concurrency: 2, spillDir: scratch },
          {
            records: () => readParseRecords(parsedPath) as AsyncIterable<ParseRecord>,
            repoRoot: corpus,
            ctx: { repoId, branch: 'main', commitSha, githubRepoId: null },
          },
        );
      const written = await write(`bench-${batchSize}`, 'bench');
      const seconds = (performance.now() - t) / 1000;
      const elements = written.written;
      const cpu1 = cpuSeconds(process.env.BENCH_NEO4J_PID);
      const cpu =
        cpu0 == null || cpu1 == null
          ? ''
          : `, Neo4j CPU ${(cpu1 - cpu0).toFixed(1)} s = ${Math.round(elements / (cpu1 - cpu0))} elements per CPU-second`;
      console.log(
        `write batch=${batchSize}: ${elements} elements in ${seconds.toFixed(2)} s = ${Math.round(elements / seconds)} elements/s (fresh${cpu}), load ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`,
      );
      const t2 = performance.now();
      const again = await write(`bench-${batchSize}-again`, 'bench-again');
      const seconds2 = (performance.now() - t2) / 1000;
      console.log(
        `compare+rewrite batch=${batchSize}: ${seconds2.toFixed(2)} s, ${again.written} written, ${again.deleted} deleted`,
      );
      console.log(`  ms owners/links: ${JSON.stringify(written.millis)}`);
    }
    await deleteRepoGraph(driver, { repoId, branch: null, database });
  } finally {
    await driver.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
