/**
 * `npm run bench:scale`: full indexes of large corpora through the real workflow: a 15,000+ file slice of the Go
 * module cache, and a generated kernel-sized corpus (70,000 files made from real sources). Prints seconds per
 * step, graph elements per second, MB parsed per second and the worker's peak RSS.
 *   npm run bench:scale -- [--corpus go|generated|<dir>]... [--go-files 15000] [--files 70000] [--repeat 1]
 */
import { parseArgs } from 'node:util';
import {
  benchRepository,
  corpusRepository,
  goModuleCorpus,
  GO_MODULE_CACHE,
  minMedian,
  printRows,
  removeScratch,
  scratchRoot,
  startBenchWorker,
  type BenchWorker,
  type MeasuredRun,
} from './bench/bench-kit.js';

interface Corpus {
  name: string;
  sources: string[];
  generate?: number;
}

function corpusOf(spec: string, goFiles: number, files: number): Corpus {
  if (spec === 'go') return goModuleCorpus(goFiles);
  if (spec === 'generated')
    return { name: `generated from ${GO_MODULE_CACHE} (${files} files)`, sources: [GO_MODULE_CACHE], generate: files };
  return { name: spec, sources: [spec] };
}

async function benchCorpus(worker: BenchWorker, corpus: Corpus, repeat: number): Promise<void> {
  const root = scratchRoot('bench-scale-corpus');
  try {
    process.stderr.write(`[bench] ${corpus.name}: preparing a git repository…\n`);
    const repo = corpusRepository(corpus.sources, root, corpus.generate);
    const repository = benchRepository(repo.dir);
    const runs: MeasuredRun[] = [];
    try {
      for (let i = 0; i < repeat; i++) {
        await worker.forget(repository);
        process.stderr.write(`[bench] full index ${i + 1}/${repeat} of ${repo.files} files…\n`);
        runs.push(await worker.index(repository, { force: true, full: true }));
      }
    } finally {
      await worker.forget(repository);
    }
    const stats = runs.map((r) => r.result.stats);
    const s = stats[0]!;
    const elements = s.nodes + s.relationships;
    printRows([
      ['corpus', `${corpus.name}: ${repo.files} tracked files (prepared in ${repo.seconds.toFixed(0)} s, not counted)`],
      ...Object.keys(s.step_millis).map((step): [string, string] => [
        `step ${step} s`,
        minMedian(stats.map((x) => (x.step_millis[step] ?? 0) / 1000)),
      ]),
      [`wall s (min / median of ${repeat})`, minMedian(runs.map((r) => r.wallSeconds))],
      ['files', `${s.total_files} (${s.indexed_files} indexed, ${s.skipped_files} skipped, ${s.failed_files} failed)`],
      ['graph', `${s.nodes} nodes, ${s.relationships} relationships`],
      ['graph elements/s (persist_kg)', minMedian(stats.map((x) => elements / ((x.step_millis.persist_kg ?? 1) / 1000)), 0)],
      ['peak worker RSS MB', Math.max(...runs.map((r) => r.peakRssMb)).toFixed(0)],
    ]);
    process.stdout.write('\n');
  } finally {
    removeScratch(root);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string', multiple: true },
      'go-files': { type: 'string', default: '15000' },
      files: { type: 'string', default: '70000' },
      repeat: { type: 'string', default: '1' },
    },
  });
  const corpora = (values.corpus ?? ['go', 'generated']).map((c) =>
    corpusOf(c, Number(values['go-files']), Number(values.files)),
  );
  const root = scratchRoot('bench-scale');
  const worker = await startBenchWorker(root);
  try {
    for (const corpus of corpora) await benchCorpus(worker, corpus, Number(values.repeat));
  } finally {
    await worker.close();
    removeScratch(root);
  }
}

await main();
