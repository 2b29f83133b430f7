/**
 * `npm run bench:startup`: what the CLI costs around its work. Times `node -e 0` (the floor), `repograph --help`,
 * and `repograph index <small local repository>` with no worker polling its queue, so each run starts the
 * in-process worker; for `index` it prints the sum of the steps the run reports and the rest (start-up, workflow
 * bundle, worker shutdown). Min and median of N runs; the first index run is shown apart, since it may build the
 * workflow bundle.
 *   npm run bench:startup -- [--runs 5] [--repo <git dir>] [--cold-bundle]
 * --cold-bundle deletes the cached workflow bundles first, so the first run shows what building one costs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { RepoIndexingSuccess } from '../src/shared/repo-indexing.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = path.join(ROOT, 'bin', 'repograph.js');

interface Timed {
  seconds: number;
  stdout: string;
}

function timed(args: string[], env: NodeJS.ProcessEnv = process.env): Timed {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return { seconds, stdout: run.stdout };
}

function stats(values: number[]): { min: number; median: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { min: sorted[0]!, median };
}

// A small repository of this project's own files (the workflow-safe shared types), committed once.
function smallRepo(root: string): string {
  const dir = path.join(root, 'small repo');
  cpSync(path.join(ROOT, 'src', 'shared'), dir, { recursive: true });
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.test', ...args], { cwd: dir });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'snapshot');
  return dir;
}

function indexOnce(repo: string, env: NodeJS.ProcessEnv): { wall: number; steps: number; perStep: string } {
  const run = timed([CLI, 'index', repo, '--force', '--json'], env);
  const result = JSON.parse(run.stdout) as RepoIndexingSuccess;
  const millis = result.stats.step_millis;
  const steps = Object.values(millis).reduce((a, b) => a + b, 0) / 1000;
  const perStep = Object.entries(millis)
    .map(([name, ms]) => `${name} ${(ms / 1000).toFixed(2)}`)
    .join(', ');
  return { wall: run.seconds, steps, perStep };
}

const row = (label: string, s: { min: number; median: number }, extra = '') =>
  `  ${label.padEnd(34)} min ${s.min.toFixed(2).padStart(6)} s   median ${s.median.toFixed(2).padStart(6)} s${extra}`;

function main(): void {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '5' }, repo: { type: 'string' }, 'cold-bundle': { type: 'boolean' } },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'repograph-bench-startup-'));
  try {
    const build = timed([path.join(ROOT, 'scripts', 'build.js')]);
    const repo = values.repo != null ? path.resolve(values.repo) : smallRepo(scratch);
    // A queue no worker polls: every index run starts its own, as `npm run index` does on a fresh machine.
    const env = { ...process.env, TEMPORAL_TASK_QUEUE: `bench-startup-${process.pid}` };
    if (values['cold-bundle']) {
      rmSync(path.join(ROOT, 'node_modules', '.cache', 'repograph', 'workflow-bundles'), {
        recursive: true,
        force: true,
      });
    }

    const floor = Array.from({ length: runs }, () => timed(['-e', '0']).seconds);
    const help = Array.from({ length: runs }, () => timed([CLI, '--help']).seconds);
    const first = indexOnce(repo, env);
    const indexed = Array.from({ length: runs }, () => indexOnce(repo, env));

    const load = os.loadavg()[0]!.toFixed(1);
    console.log(`repograph start-up, ${runs} runs each (${os.cpus().length} cores, load average ${load})`);
    console.log(`  build check (dist/ up to date?)    ${build.seconds.toFixed(2)} s`);
    console.log(row('node -e 0 (the floor)', stats(floor)));
    console.log(row('repograph --help', stats(help)));
    console.log(`  index ${repo}, in-process worker:`);
    const firstExtra = `   steps ${first.steps.toFixed(2)} s, overhead ${(first.wall - first.steps).toFixed(2)} s`;
    console.log(`  ${'first run'.padEnd(34)} wall ${first.wall.toFixed(2).padStart(6)} s${firstExtra}`);
    console.log(row('wall', stats(indexed.map((r) => r.wall))));
    console.log(row('sum of the steps', stats(indexed.map((r) => r.steps))));
    console.log(row('overhead (wall - steps)', stats(indexed.map((r) => r.wall - r.steps)), '   (target ≤ 2 s)'));
    console.log(`  steps of the last run: ${indexed.at(-1)!.perStep}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main();
