import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { JEDI, PYTHON_SUPPORT, type NpmCorpusSpec, type PypiCorpusSpec } from './corpora.js';

/** A corpus's packages could not be installed into the scratch directory (no network, a registry said no, …). */
export class ProvisionError extends Error {}

/** Where the benchmark installs its corpora: `.cache/accuracy/` of the project (git-ignored). */
export function scratchDir(projectRoot: string): string {
  return path.join(projectRoot, '.cache', 'accuracy');
}

const STAMP = '.provisioned.json';
const INSTALL_TIMEOUT_MS = 15 * 60_000;

function stampMatches(dir: string, wanted: string): boolean {
  try {
    return fs.readFileSync(path.join(dir, STAMP), 'utf8') === wanted;
  } catch {
    return false;
  }
}

function run(command: string, args: string[], cwd: string, what: string, dir: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: INSTALL_TIMEOUT_MS });
  if (result.status === 0) return result.stdout;
  const output = `${result.stderr ?? ''}\n${result.stdout ?? ''}`.trim().split('\n').slice(-8).join('\n  ');
  const why = result.error != null ? String(result.error) : `exit ${result.status ?? result.signal}`;
  throw new ProvisionError(
    `could not provision ${what} in ${dir}: \`${command} ${args.join(' ')}\` failed (${why}).\n  ${output}\n` +
      `  The benchmark installs its corpora from the registries on first use; without network only the temporal ` +
      `corpus (this project's node_modules) runs: npm run bench:accuracy -- --corpus temporal`,
  );
}

/**
 * Installs the npm corpora's packages (exact versions, no install scripts) into `.cache/accuracy/npm/` unless
 * the same list is already there, and returns its `node_modules`.
 */
export function provisionNpm(projectRoot: string, specs: NpmCorpusSpec[], log: (line: string) => void): string {
  const dir = path.join(scratchDir(projectRoot), 'npm');
  const dependencies = Object.fromEntries(
    specs.flatMap((s) => Object.entries(s.packages)).sort(([a], [b]) => a.localeCompare(b)),
  );
  const wanted = JSON.stringify(dependencies, null, 2);
  const nodeModules = path.join(dir, 'node_modules');
  if (fs.existsSync(nodeModules) && stampMatches(dir, wanted)) return nodeModules;
  log(`provisioning ${Object.keys(dependencies).length} npm packages into ${dir} …`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const manifest = { name: 'repograph-accuracy-corpora', private: true, dependencies };
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const flags = ['--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'];
  run('npm', ['install', ...flags], dir, 'the TypeScript corpora', dir);
  fs.writeFileSync(path.join(dir, STAMP), wanted);
  return nodeModules;
}

/** The benchmark's Python environment: its interpreter and its site-packages directory. */
export interface PythonScratch {
  python: string;
  sitePackages: string;
}

/**
 * Creates `.cache/accuracy/python/venv` and installs jedi and the PyPI corpora's distributions (exact versions,
 * without dependencies: the list is complete) unless the same list is already there.
 */
export function provisionPython(
  projectRoot: string,
  specs: PypiCorpusSpec[],
  log: (line: string) => void,
): PythonScratch {
  const dir = path.join(scratchDir(projectRoot), 'python');
  const venv = path.join(dir, 'venv');
  const python = path.join(venv, 'bin', 'python');
  const pins = Object.entries({
    ...JEDI,
    ...PYTHON_SUPPORT,
    ...Object.assign({}, ...specs.map((s) => s.distributions)),
  })
    .map(([name, version]) => `${name}==${String(version)}`)
    .sort();
  const wanted = JSON.stringify(pins, null, 2);
  if (!fs.existsSync(python) || !stampMatches(dir, wanted)) {
    log(`provisioning a virtual environment with ${pins.length} distributions into ${venv} …`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    run('python3', ['-m', 'venv', venv], dir, 'the Python virtual environment', venv);
    const flags = ['--no-deps', '--disable-pip-version-check', '--quiet', '--no-input'];
    run(python, ['-m', 'pip', 'install', ...flags, ...pins], dir, 'the Python corpora', venv);
    fs.writeFileSync(path.join(dir, STAMP), wanted);
  }
  const code = "import sysconfig; print(sysconfig.get_paths()['purelib'])";
  const sitePackages = run(python, ['-c', code], dir, 'the Python virtual environment', venv).trim();
  return { python, sitePackages: fs.realpathSync(sitePackages) };
}
