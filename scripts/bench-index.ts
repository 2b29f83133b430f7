/**
 * `npm run bench`: a full index of a corpus (default: this machine's Python standard library) through the real
 * workflow, worker, PostgreSQL and Neo4j, repeated, next to the single-thread parse floor of the same files
 * measured in the same run. Prints min / median seconds per step, the end-to-end time without the clone, its
 * ratio to the floor, graph elements per second of the graph step, the worker's peak RSS and the largest
 * Temporal payload.
 *   npm run bench -- [--corpus /usr/lib/python3.11] [--repeat 3]
 */
import { parseArgs } from 'node:util';
import {
  benchRepository,
  corpusRepository,
  median,
  minMedian,
  printRows,
  removeScratch,
  scratchRoot,
  startBenchWorker,
  type MeasuredRun,
} from './bench/bench-kit.js';
import { parseOnlyFloor } from './bench/parse-floor.js';

function largestPayload(history: unknown): number {
  let max = 0;
  const visit = (value: unknown): void => {
    if (value == null || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach(visit);
    const record = value as Record<string, unknown>;
    if (record.data instanceof Uint8Array && record.metadata != null) max = Math.max(max, record.data.byteLength);
    Object.values(record).forEach(visit);
  };
  visit(history);
  return max;
}

/** Wall seconds of a run without its clone step (what the targets are stated in). */
function withoutClone(run: MeasuredRun): number {
  return run.wallSeconds - (run.result.stats.step_millis.clone ?? 0) / 1000;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { corpus: { type: 'string', default: '/usr/lib/python3.11' }, repeat: { type: 'string', default: '3' } },
  });
  const repeat = Number(values.repeat);
  const root = scratchRoot('bench');
  const repo = corpusRepository([values.corpus!], root);
  const repository = benchRepository(repo.dir);
  const worker = await startBenchWorker(root);
  const runs: MeasuredRun[] = [];
  let payload = 0;
  try {
    for (let i = 0; i < repeat; i++) {
      await worker.forget(repository);
      process.stderr.write(`[bench] full index ${i + 1}/${repeat}…\n`);
      const run = await worker.index(repository, { force: true, full: true });
      runs.push(run);
      payload = Math.max(payload, largestPayload(await worker.history(run)));
    }
  } finally {
    await worker.forget(repository);
    await worker.close();
  }
  process.stderr.write('[bench] single-thread parse floor…\n');
  const floor = await parseOnlyFloor(repo.dir);
  removeScratch(root);
  const stats = runs.map((r) => r.result.stats);
  const s = stats[0]!;
  const e2e = runs.map(withoutClone);
  const graphSeconds = stats.map((x) => (x.step_millis.persist_kg ?? 0) / 1000);
  const elements = s.nodes + s.relationships;
  printRows([
    ['corpus', `${values.corpus} (${repo.files} files; copy + git commit ${repo.seconds.toFixed(1)} s, not counted)`],
    ...Object.keys(s.step_millis).map((step): [string, string] => [
      `step ${step} s`,
      minMedian(stats.map((x) => (x.step_millis[step] ?? 0) / 1000)),
    ]),
    [`wall s (min / median of ${repeat})`, minMedian(runs.map((r) => r.wallSeconds))],
    ['end to end without clone s', minMedian(e2e)],
    ['  each run, in order', e2e.map((x) => x.toFixed(2)).join(', ')],
    ['  parse step, each run', stats.map((x) => ((x.step_millis.parse ?? 0) / 1000).toFixed(2)).join(', ')],
    ['  persist_kg step, each run', stats.map((x) => ((x.step_millis.persist_kg ?? 0) / 1000).toFixed(2)).join(', ')],
    ['parse floor s', `${floor.seconds.toFixed(2)} (${floor.files} code files, ${(floor.bytes / 1e6).toFixed(1)} MB, one thread, parse only)`],
    ['end to end / floor', `${(Math.min(...e2e) / floor.seconds).toFixed(2)}x (min), ${(median(e2e) / floor.seconds).toFixed(2)}x (median)`],
    ['files', `${s.total_files} (${s.indexed_files} indexed, ${s.skipped_files} skipped, ${s.failed_files} failed)`],
    ['graph', `${s.nodes} nodes, ${s.relationships} relationships`],
    [
      'graph elements/s (persist_kg)',
      `${(elements / Math.min(...graphSeconds)).toFixed(0)} (best), ${(elements / median(graphSeconds)).toFixed(0)} (median)`,
    ],
    ['peak worker RSS MB', Math.max(...runs.map((r) => r.peakRssMb)).toFixed(0)],
    ['largest payload', `${payload} bytes`],
  ]);
}

await main();
