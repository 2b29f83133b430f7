import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareCallGraphs } from './compare-call-graphs.js';
import type { AccuracyRun } from './measure-accuracy.js';
import { repographCallGraph } from './repograph-call-graph.js';
import type { TruthCallSite } from './truth-call-site.js';

/** The jedi-based truth builder (`python jedi-call-graph.py --help`). */
export const JEDI_SCRIPT = fileURLToPath(new URL('./jedi-call-graph.py', import.meta.url));

// A package's own tests: library corpora measure the library's code.
const TEST = /(^|\/)(tests?|testing)\/|(^|\/)(test_[^/]*|[^/]*_test|conftest)\.py$/;

/** The `.py` files of the import packages `modules` under `root` (a site-packages directory), relative to it. */
export function pythonCorpusFiles(root: string, modules: string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== '__pycache__') walk(full);
      else if (entry.isFile() && entry.name.endsWith('.py'))
        files.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  for (const module of modules) {
    const dir = path.join(root, module);
    if (fs.existsSync(dir)) walk(dir);
    else if (fs.existsSync(`${dir}.py`)) files.push(`${module}.py`);
    else throw new Error(`${dir}: no such Python package in the benchmark's environment`);
  }
  return files.filter((f) => !TEST.test(f)).sort();
}

/** Runs the jedi truth builder on `files` (relative to `root`) with `python` and returns its call sites. */
export async function jediTruth(
  python: string,
  root: string,
  files: string[],
  out: string,
  log: (line: string) => void,
): Promise<TruthCallSite[]> {
  const list = `${out}.files`;
  fs.writeFileSync(list, `${files.join('\n')}\n`);
  const child = spawn(python, [JEDI_SCRIPT, '--root', root, '--out', out, '--files-from', list], {
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  let tail = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    for (const line of chunk.split('\n')) if (line.startsWith('jedi: ') && line.includes(' files, ')) log(line);
    tail = (tail + chunk).slice(-4000);
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`jedi truth builder failed (exit ${code}):\n${tail}`);
  const parsed = JSON.parse(fs.readFileSync(out, 'utf8')) as { sites: TruthCallSite[] };
  return parsed.sites;
}

/**
 * The jedi truth of a corpus, from `cacheDir` when the truth builder, the corpus's pins and its files are the
 * same as when it was written (building it takes minutes; repograph's side changes far more often).
 */
export async function cachedJediTruth(
  python: string,
  root: string,
  files: string[],
  cacheDir: string,
  key: string,
  log: (line: string) => void,
): Promise<TruthCallSite[]> {
  const hash = createHash('sha256')
    .update(fs.readFileSync(JEDI_SCRIPT))
    .update(key)
    .update(files.join('\n'))
    .digest('hex')
    .slice(0, 16);
  fs.mkdirSync(cacheDir, { recursive: true });
  const out = path.join(cacheDir, `truth-${hash}.json`);
  if (fs.existsSync(out)) {
    return (JSON.parse(fs.readFileSync(out, 'utf8')) as { sites: TruthCallSite[] }).sites;
  }
  const partial = `${out}.partial`;
  const sites = await jediTruth(python, root, files, partial, log);
  fs.renameSync(partial, out);
  return sites;
}

/** Compares repograph's CALLS edges on Python `files` under `root` with `truth`. */
export async function measurePythonAccuracy(
  root: string,
  files: string[],
  truth: () => Promise<TruthCallSite[]>,
): Promise<AccuracyRun> {
  let started = performance.now();
  const sites = await truth();
  const truthSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const ours = await repographCallGraph(root, files, []);
  const repographSeconds = (performance.now() - started) / 1000;
  return {
    report: compareCallGraphs(sites, ours),
    seconds: { truth: truthSeconds, repograph: repographSeconds },
  };
}
