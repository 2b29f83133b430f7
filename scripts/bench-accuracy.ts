// Accuracy benchmark of the call graph: `npm run bench:accuracy [-- --corpus NAME[,NAME…]] [-- <dir>]`. Builds the
// ground truth (the TypeScript compiler's call graph, or jedi's for Python) of each corpus and compares repograph's
// CALLS edges with it; corpora and rules are in docs/accuracy-benchmark.md, the pinned list in
// scripts/accuracy/corpora.ts. Corpora other than `temporal` are installed into .cache/accuracy/ on first use.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPORA, type CorpusSpec, type NpmCorpusSpec, type PypiCorpusSpec } from './accuracy/corpora.js';
import { formatReport } from './accuracy/compare-call-graphs.js';
import { measureAccuracy, type AccuracyRun } from './accuracy/measure-accuracy.js';
import {
  ProvisionError,
  provisionNpm,
  provisionPython,
  scratchDir,
  type PythonScratch,
} from './accuracy/provision-corpora.js';
import { cachedJediTruth, measurePythonAccuracy, pythonCorpusFiles } from './accuracy/python-accuracy.js';
import { formatSummaryTable, type CorpusResult } from './accuracy/summary-table.js';
import { directoryCorpus, packageClosureCorpus, packageListCorpus } from './accuracy/typescript-corpus.js';

const USAGE = `usage: npm run bench:accuracy [-- [--corpus NAME[,NAME...]]... | --list | <dir>]
  (no argument)   every corpus: ${CORPORA.map((c) => c.name).join(', ')}
  --corpus NAMES  only these corpora (repeatable, comma-separated)
  --list          print the corpora and their pinned versions
  <dir>           every .ts file under <dir> as one TypeScript corpus
  ACCURACY_EXAMPLES=<n> prints n examples per category (default 4)`;

/** A wrong command line: its message is all the user needs. */
class UsageError extends Error {}

interface Options {
  corpora: CorpusSpec[];
  dir: string | null;
}

function parseArgs(argv: string[]): Options | null {
  const names: string[] = [];
  let dir: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return null;
    if (arg === '--list') {
      for (const c of CORPORA) {
        const pins = c.kind === 'npm' ? c.packages : c.kind === 'pypi' ? c.distributions : {};
        const versions = Object.entries(pins).map(([n, v]) => `${n}@${v}`);
        const installed = versions.length > 0 ? versions.join(' ') : 'the versions in package-lock.json';
        console.log(`${c.name.padEnd(10)} ${c.language.padEnd(10)} ${c.description}\n${' '.repeat(22)}${installed}`);
      }
      process.exit(0);
    }
    if (arg === '--corpus' || arg.startsWith('--corpus=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (value == null || value === '') throw new UsageError('--corpus needs a name');
      names.push(...value.split(',').filter((n) => n !== ''));
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option ${arg}\n${USAGE}`);
    } else if (dir == null) {
      dir = arg;
    } else {
      throw new UsageError(`one directory at most\n${USAGE}`);
    }
  }
  const unknown = names.filter((n) => !CORPORA.some((c) => c.name === n));
  if (unknown.length > 0) {
    throw new UsageError(
      `unknown corpus ${unknown.join(', ')}; the corpora are ${CORPORA.map((c) => c.name).join(', ')}`,
    );
  }
  if (dir != null && names.length > 0) throw new UsageError(`a directory or --corpus, not both\n${USAGE}`);
  const corpora = names.length === 0 ? CORPORA : CORPORA.filter((c) => names.includes(c.name));
  return { corpora, dir };
}

const projectRoot = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const log = (line: string): void => console.log(line);

// Runs `make` once; later calls return its result or throw its error again.
function once<T>(make: () => T): () => T {
  let outcome: { value: T } | { error: unknown } | null = null;
  return () => {
    if (outcome == null) {
      try {
        outcome = { value: make() };
      } catch (error) {
        outcome = { error };
      }
    }
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  };
}

class Runner {
  // Installs what the selected corpora need, once; a failure is reported for each corpus that needs it.
  private readonly npm: () => string;
  private readonly pypi: () => PythonScratch;

  // Every corpus of its kind is installed whatever the selection, so the scratch directory never flips between lists.
  constructor() {
    const corpora = CORPORA;
    const npm = corpora.filter((c): c is NpmCorpusSpec => c.kind === 'npm');
    const pypi = corpora.filter((c): c is PypiCorpusSpec => c.kind === 'pypi');
    this.npm = once(() => provisionNpm(projectRoot, npm, log));
    this.pypi = once(() => provisionPython(projectRoot, pypi, log));
  }

  async run(spec: CorpusSpec): Promise<{ run: AccuracyRun; files: number }> {
    if (spec.kind === 'temporal') {
      const corpus = packageClosureCorpus(path.join(projectRoot, 'node_modules'), '@temporalio');
      log(`corpus              ${corpus.root} (${corpus.files.length} files, ${corpus.packages.length} packages)`);
      return { run: await measureAccuracy(corpus), files: corpus.files.length };
    }
    if (spec.kind === 'npm') {
      const corpus = packageListCorpus(this.npm(), Object.keys(spec.packages));
      log(`corpus              ${corpus.root} (${corpus.files.length} files, ${corpus.packages.length} packages)`);
      return { run: await measureAccuracy(corpus), files: corpus.files.length };
    }
    const { python, sitePackages } = this.pypi();
    const files = pythonCorpusFiles(sitePackages, spec.modules);
    log(`corpus              ${sitePackages} (${files.length} files: ${spec.modules.join(', ')})`);
    const cache = path.join(scratchDir(projectRoot), 'python', 'truth', spec.name);
    const key = JSON.stringify(spec);
    const truth = (): ReturnType<typeof cachedJediTruth> =>
      cachedJediTruth(python, sitePackages, files, cache, key, log);
    return { run: await measurePythonAccuracy(sitePackages, files, truth), files: files.length };
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (options == null) {
    console.log(USAGE);
    return;
  }
  const results: CorpusResult[] = [];
  const failed: string[] = [];
  if (options.dir != null) {
    const corpus = directoryCorpus(options.dir);
    log(`corpus              ${corpus.root} (${corpus.files.length} files)`);
    const { report, seconds } = await measureAccuracy(corpus);
    log(formatReport(report));
    results.push({
      name: path.basename(corpus.root),
      language: 'typescript',
      files: corpus.files.length,
      seconds: seconds.truth + seconds.repograph,
      report,
    });
  }
  const runner = new Runner();
  for (const [i, spec] of (options.dir == null ? options.corpora : []).entries()) {
    log(`\n=== [${i + 1}/${options.corpora.length}] ${spec.name}: ${spec.description}`);
    try {
      const { run, files } = await runner.run(spec);
      const { report, seconds } = run;
      log(`seconds             truth ${seconds.truth.toFixed(1)}, repograph ${seconds.repograph.toFixed(1)}`);
      log(formatReport(report));
      results.push({
        name: spec.name,
        language: spec.language,
        files,
        seconds: seconds.truth + seconds.repograph,
        report,
      });
    } catch (error) {
      console.error(`\n${spec.name}: ${error instanceof ProvisionError ? error.message : String(error)}`);
      if (!(error instanceof ProvisionError)) console.error(error);
      failed.push(spec.name);
    }
  }
  if (results.length > 0) log(`\n=== summary\n${formatSummaryTable(results)}`);
  if (failed.length > 0) {
    console.error(`\nnot measured: ${failed.join(', ')} (see the messages above)`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof UsageError ? error.message : error);
  process.exitCode = 1;
});
