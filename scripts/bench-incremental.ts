/**
 * `npm run bench:incremental`: what a push costs once a repository is indexed. For each corpus (a copy of the
 * Python standard library, and a 15,000+ file slice of the Go module cache), end to end through the workflow
 * on the real stack: a full index of a new repository, then 1-file pushes, 10-file pushes and no-change forced
 * reindexes, each repeated, with min / median wall time, step times, files parsed, elements written and the
 * worker's peak RSS during the run.
 *   npm run bench:incremental -- [--corpus stdlib|go|<dir>]... [--repeat 3] [--full-repeat 1] [--go-files 15000]
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  benchRepository,
  commitAppendedFunctions,
  corpusRepository,
  goModuleCorpus,
  median,
  minMedian,
  pickFiles,
  printRows,
  removeScratch,
  scratchRoot,
  startBenchWorker,
  type BenchWorker,
  type MeasuredRun,
} from './bench/bench-kit.js';

const STDLIB = '/usr/lib/python3.11';

interface Corpus {
  name: string;
  sources: string[];
  extensions: string[];
  /** The 1-file push target this corpus is held to, in seconds. */
  onePushTarget: number | null;
}

function corpusOf(spec: string, goFiles: number): Corpus {
  if (spec === 'stdlib') return { name: `stdlib (${STDLIB})`, sources: [STDLIB], extensions: ['.py'], onePushTarget: 2 };
  if (spec === 'go') {
    return { ...goModuleCorpus(goFiles), extensions: ['.go'], onePushTarget: 10 };
  }
  if (!existsSync(spec)) throw new Error(`corpus ${spec} does not exist`);
  return { name: spec, sources: [spec], extensions: ['.py', '.go', '.ts', '.js', '.java', '.rs', '.c'], onePushTarget: null };
}

interface Phase {
  name: string;
  runs: MeasuredRun[];
}

function describePhase({ name, runs }: Phase): [string, string][] {
  const stats = runs.map((r) => r.result.stats);
  const steps = Object.keys(stats[0]!.step_millis);
  const stepLine = steps
    .map((step) => `${step} ${(median(stats.map((s) => s.step_millis[step] ?? 0)) / 1000).toFixed(2)}`)
    .join(', ');
  return [
    [`${name}: wall s (min / median of ${runs.length})`, minMedian(runs.map((r) => r.wallSeconds))],
    [`  steps s (median)`, stepLine],
    [
      `  files parsed / reused / resolved`,
      `${median(stats.map((s) => s.files_parsed))} / ${median(stats.map((s) => s.files_reused))} / ${median(stats.map((s) => s.files_resolved))} (mode ${stats[0]!.mode})`,
    ],
    [
      `  elements written / deleted (max)`,
      `${Math.max(...stats.map((s) => s.elements_written))} / ${Math.max(...stats.map((s) => s.elements_deleted))}`,
    ],
    [`  peak worker RSS MB (max)`, Math.max(...runs.map((r) => r.peakRssMb)).toFixed(0)],
  ];
}

async function benchCorpus(worker: BenchWorker, corpus: Corpus, root: string, repeat: number, fullRepeat: number) {
  process.stderr.write(`[bench] ${corpus.name}: copying into a git repository…\n`);
  const repo = corpusRepository(corpus.sources, root);
  const repository = benchRepository(repo.dir);
  const phases: Phase[] = [];
  try {
    const full: MeasuredRun[] = [];
    for (let i = 0; i < fullRepeat; i++) {
      await worker.forget(repository);
      process.stderr.write(`[bench] full index ${i + 1}/${fullRepeat}…\n`);
      full.push(await worker.index(repository, { force: true, full: true }));
    }
    phases.push({ name: 'full index of a new repository', runs: full });
    for (const count of [1, 10]) {
      const runs: MeasuredRun[] = [];
      for (let i = 0; i < repeat; i++) {
        commitAppendedFunctions(repo.dir, pickFiles(repo.dir, corpus.extensions, count, i + count), `${count}x${i}`);
        process.stderr.write(`[bench] ${count}-file push ${i + 1}/${repeat}…\n`);
        runs.push(await worker.index(repository, {}));
      }
      phases.push({ name: `${count}-file push`, runs });
    }
    const forced: MeasuredRun[] = [];
    for (let i = 0; i < repeat; i++) {
      process.stderr.write(`[bench] no-change forced reindex ${i + 1}/${repeat}…\n`);
      forced.push(await worker.index(repository, { force: true }));
    }
    phases.push({ name: 'no-change forced reindex', runs: forced });
  } finally {
    await worker.forget(repository);
  }
  const fullMedian = median(phases[0]!.runs.map((r) => r.wallSeconds));
  const oneMedian = median(phases[1]!.runs.map((r) => r.wallSeconds));
  const forcedWritten = Math.max(...phases[3]!.runs.map((r) => r.result.stats.elements_written));
  const s = phases[0]!.runs[0]!.result.stats;
  const rows: [string, string][] = [
    ['corpus', `${corpus.name}: ${repo.files} tracked files, graph ${s.nodes} nodes + ${s.relationships} relationships`],
    ...phases.flatMap(describePhase),
    ['full / 1-file push (medians)', `${(fullMedian / oneMedian).toFixed(1)}x`],
  ];
  if (corpus.onePushTarget != null)
    rows.push([
      'targets',
      `1-file push ≤ ${corpus.onePushTarget} s: ${oneMedian <= corpus.onePushTarget ? 'met' : 'MISSED'} (median ${oneMedian.toFixed(2)} s)` +
        (corpus.onePushTarget === 2 ? `; ≥ 5x faster than full: ${fullMedian / oneMedian >= 5 ? 'met' : 'MISSED'}` : '') +
        `; forced no-change writes 0: ${forcedWritten === 0 ? 'met' : `MISSED (${forcedWritten})`}`,
    ]);
  printRows(rows);
  process.stdout.write('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string', multiple: true },
      repeat: { type: 'string', default: '3' },
      'full-repeat': { type: 'string', default: '1' },
      'go-files': { type: 'string', default: '15000' },
    },
  });
  const repeat = Number(values.repeat);
  const fullRepeat = Number(values['full-repeat']);
  const corpora = (values.corpus ?? ['stdlib', 'go']).map((c) => corpusOf(c, Number(values['go-files'])));
  const root = scratchRoot('bench-incremental');
  const worker = await startBenchWorker(root);
  let interrupted = false;
  process.once('SIGINT', () => {
    interrupted = true;
    process.stderr.write('[bench] interrupted: finishing the current run, then cleaning up\n');
  });
  try {
    for (const corpus of corpora) {
      if (interrupted) break;
      await benchCorpus(worker, corpus, root, repeat, fullRepeat);
    }
  } finally {
    await worker.close();
    removeScratch(root);
  }
}

await main();
