import fs from 'node:fs';
import path from 'node:path';
import type { WorkspacePackage } from '../../src/resolution/repo-layout.js';

/** A TypeScript corpus on disk: its files and the packages they belong to, all relative to `root`. */
export interface TypeScriptCorpus {
  root: string;
  files: string[];
  packages: WorkspacePackage[];
}

const SOURCE = /\.(ts|tsx|mts|cts)$/;
const DECLARATION = /\.d\.[mc]?ts$/;
// A package's own tests (`*.test.ts`, `tests/`, `__tests__/`): library corpora measure the library's code.
const TEST = /(^|\/)(tests?|__tests__)\/|\.(test|spec)\.[mc]?tsx?$/;

function sourcesUnder(dir: string, out: string[]): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') sourcesUnder(full, out);
    else if (entry.isFile() && SOURCE.test(entry.name) && !DECLARATION.test(entry.name)) out.push(full);
  }
  return out;
}

function posix(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/** Every `.ts` source under `dir` (declaration files and `node_modules` excluded) as one corpus. */
export function directoryCorpus(dir: string): TypeScriptCorpus {
  // The compiler reports files by their real path; a symlinked root would put every file outside the corpus.
  const root = fs.realpathSync(dir);
  return { root, files: sourcesUnder(root, []).map((f) => posix(root, f)), packages: [] };
}

function readPackage(dir: string): Record<string, unknown> | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

function workspacePackage(root: string, dir: string, pkg: Record<string, unknown>): WorkspacePackage {
  const main = typeof pkg.module === 'string' ? pkg.module : typeof pkg.main === 'string' ? pkg.main : null;
  return { name: String(pkg.name), dir: posix(root, dir), exports: pkg.exports ?? null, main };
}

// Node's lookup: the dependant's own node_modules first, then each enclosing node_modules up to the root.
function resolvePackageDir(from: string, name: string, nodeModules: string): string | null {
  for (let dir = from; dir.startsWith(nodeModules); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === nodeModules) break;
  }
  const top = path.join(nodeModules, name);
  return fs.existsSync(path.join(top, 'package.json')) ? top : null;
}

/**
 * The TypeScript sources that the packages under `nodeModules` matching `scope` (e.g. `@temporalio`) and their
 * whole dependency closure ship in their `src/` directories.
 */
export function packageClosureCorpus(nodeModules: string, scope: string): TypeScriptCorpus {
  const root = fs.realpathSync(nodeModules);
  const queue = fs
    .readdirSync(path.join(root, scope))
    .sort()
    .map((name) => path.join(root, scope, name));
  const seen = new Set<string>();
  const packages: WorkspacePackage[] = [];
  const files: string[] = [];
  while (queue.length > 0) {
    const dir = queue.shift() ?? '';
    if (seen.has(dir)) continue;
    seen.add(dir);
    const pkg = readPackage(dir);
    if (pkg == null || typeof pkg.name !== 'string') continue;
    const deps = {
      ...(pkg.dependencies as object),
      ...(pkg.optionalDependencies as object),
      ...(pkg.peerDependencies as object),
    };
    for (const name of Object.keys(deps).sort()) {
      const found = resolvePackageDir(dir, name, root);
      if (found != null) queue.push(found);
    }
    const sources = sourcesUnder(path.join(dir, 'src'), []);
    if (sources.length === 0) continue;
    packages.push(workspacePackage(root, dir, pkg));
    files.push(...sources.map((f) => posix(root, f)));
  }
  return { root, files: files.sort(), packages: packages.sort((a, b) => a.name.localeCompare(b.name)) };
}

/**
 * The TypeScript sources that the named packages (installed under `nodeModules`) ship in their `src/` directories;
 * their dependencies are there for the compiler's types but are not part of the corpus.
 */
export function packageListCorpus(nodeModules: string, names: string[]): TypeScriptCorpus {
  const root = fs.realpathSync(nodeModules);
  const packages: WorkspacePackage[] = [];
  const files: string[] = [];
  for (const name of names) {
    const dir = path.join(root, name);
    const pkg = readPackage(dir);
    const sources = sourcesUnder(path.join(dir, 'src'), []).filter((f) => !TEST.test(posix(dir, f)));
    if (pkg == null || sources.length === 0) throw new Error(`${dir}: no package with TypeScript sources in src/`);
    packages.push(workspacePackage(root, dir, pkg));
    files.push(...sources.map((f) => posix(root, f)));
  }
  return { root, files: files.sort(), packages: packages.sort((a, b) => a.name.localeCompare(b.name)) };
}

/**
 * Maps a declaration or build file of a corpus package (`pkg/lib/a/b.d.ts`, `pkg/dist/types/a/b.d.ts`) to the corpus
 * source it was compiled from (`pkg/src/a/b.ts`): the longest tail of its path that exists under `src/`.
 */
export function sourceOfDeclarationFile(corpus: TypeScriptCorpus, resolvedFile: string): string | null {
  const relative = posix(corpus.root, path.resolve(resolvedFile));
  const pkg = corpus.packages
    .filter((p) => relative.startsWith(`${p.dir}/`))
    .sort((a, b) => b.dir.length - a.dir.length)[0];
  if (pkg == null) return null;
  const inner = relative.slice(pkg.dir.length + 1);
  if (inner.startsWith('src/')) return null;
  const stem = inner.replace(/(\.d)?\.[mc]?[jt]s$/, '');
  const parts = stem.split('/');
  const files = new Set(corpus.files);
  for (let i = 0; i < parts.length; i++) {
    const tail = parts.slice(i).join('/');
    for (const candidate of [`${pkg.dir}/src/${tail}.ts`, `${pkg.dir}/src/${tail}/index.ts`]) {
      if (files.has(candidate)) return path.join(corpus.root, candidate);
    }
  }
  return null;
}
