import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parentDir, type RepoIndex } from './repo-index.js';

/** `compilerOptions.paths` of one tsconfig, with directories made repository-relative. */
export interface TsPathConfig {
  /** Directory of the tsconfig.json (`.` for the root). */
  dir: string;
  /** Directory that `paths` targets are relative to. */
  baseDir: string;
  /** True when `baseUrl` is set, so bare specifiers are also tried under `baseDir`. */
  hasBaseUrl: boolean;
  paths: [pattern: string, targets: string[]][];
}

/** A package of the repository (the root package or a workspace member). */
export interface WorkspacePackage {
  name: string;
  dir: string;
  exports: unknown;
  main: string | null;
}

/** A Go module declared by a go.mod inside the repository. */
export interface GoModule {
  dir: string;
  modulePath: string;
}

/** What resolution needs from the repository besides parse records. */
export interface RepoLayout {
  /** Python source roots, most likely first: `.`, `src`, then parents of top-level packages. */
  pythonRoots: string[];
  tsConfigs: TsPathConfig[];
  packages: Map<string, WorkspacePackage>;
  goModules: GoModule[];
}

/** Parses JSON with comments and trailing commas (tsconfig.json style); null when unreadable. */
export function parseJsonc(text: string): unknown {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = skipString(text, i);
      out += text.slice(i, end);
      i = end - 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else out += c;
  }
  try {
    return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
  } catch {
    return null;
  }
}

function skipString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

function readJson(repoRoot: string, relativePath: string): Record<string, unknown> | null {
  const file = path.join(repoRoot, relativePath);
  if (!existsSync(file)) return null;
  try {
    const value = parseJsonc(readFileSync(file, 'utf8'));
    return value != null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** Joins repository-relative path parts and normalises `.`/`..`; null when the result leaves the repository. */
export function joinRepoPath(...parts: string[]): string | null {
  const normal = path.posix.normalize(parts.filter((p) => p !== '' && p !== '.').join('/') || '.');
  if (normal === '..' || normal.startsWith('../') || normal.startsWith('/')) return null;
  return normal.replace(/\/$/, '') || '.';
}

function detectPythonRoots(index: RepoIndex): string[] {
  const roots = new Set<string>();
  for (const file of index.files.keys()) {
    if (!file.endsWith('__init__.py')) continue;
    const pkg = parentDir(file);
    const parent = parentDir(pkg);
    if (pkg !== '.' && !index.hasFile(parent === '.' ? '__init__.py' : `${parent}/__init__.py`)) roots.add(parent);
  }
  const rest = [...roots].filter((r) => r !== '.' && r !== 'src').sort();
  return ['.', ...(index.dirs.has('src') ? ['src'] : []), ...rest];
}

function readTsConfig(repoRoot: string, dir: string): TsPathConfig | null {
  const file = joinRepoPath(dir, 'tsconfig.json') ?? 'tsconfig.json';
  const json = readJson(repoRoot, file);
  if (json == null) return null;
  let options = (json.compilerOptions ?? {}) as Record<string, unknown>;
  let optionsDir = dir;
  if (typeof json.extends === 'string' && json.extends.startsWith('.') && options.paths == null) {
    const parentFile = joinRepoPath(dir, json.extends.endsWith('.json') ? json.extends : `${json.extends}.json`);
    const parent = parentFile == null ? null : readJson(repoRoot, parentFile);
    if (parent != null && parentFile != null) {
      options = { ...((parent.compilerOptions ?? {}) as Record<string, unknown>), ...options };
      optionsDir = parentDir(parentFile);
    }
  }
  const baseUrl = typeof options.baseUrl === 'string' ? options.baseUrl : null;
  const baseDir = joinRepoPath(optionsDir, baseUrl ?? '.') ?? optionsDir;
  const rawPaths = (options.paths ?? {}) as Record<string, unknown>;
  const paths = Object.entries(rawPaths)
    .filter((e): e is [string, string[]] => Array.isArray(e[1]))
    .map(([k, v]) => [k, v.filter((t) => typeof t === 'string')] as [string, string[]]);
  if (paths.length === 0 && baseUrl == null) return null;
  return { dir, baseDir, hasBaseUrl: baseUrl != null, paths };
}

function workspacePatterns(repoRoot: string, rootPkg: Record<string, unknown> | null): string[] {
  const ws = rootPkg?.workspaces;
  const list = Array.isArray(ws)
    ? ws
    : Array.isArray((ws as { packages?: unknown })?.packages)
      ? (ws as { packages: unknown[] }).packages
      : [];
  const patterns = list.filter((p): p is string => typeof p === 'string');
  const pnpm = path.join(repoRoot, 'pnpm-workspace.yaml');
  if (existsSync(pnpm)) {
    for (const m of readFileSync(pnpm, 'utf8').matchAll(/^\s*-\s*['"]?([^'"\s#]+)['"]?/gm)) patterns.push(m[1] ?? '');
  }
  return patterns.filter((p) => p !== '' && !p.startsWith('!'));
}

function expandWorkspaces(index: RepoIndex, patterns: string[]): string[] {
  const dirs = new Set<string>();
  for (const raw of patterns) {
    const pattern = raw.replace(/^\.\//, '').replace(/\/$/, '');
    if (pattern.endsWith('/**')) {
      const base = pattern.slice(0, -3);
      for (const d of index.dirs) if (d.startsWith(`${base}/`)) dirs.add(d);
    } else if (pattern.endsWith('/*')) {
      const base = pattern.slice(0, -2);
      for (const d of index.dirs) if (parentDir(d) === base) dirs.add(d);
    } else if (index.dirs.has(pattern)) dirs.add(pattern);
  }
  return [...dirs].sort();
}

function readPackages(repoRoot: string, index: RepoIndex): Map<string, WorkspacePackage> {
  const packages = new Map<string, WorkspacePackage>();
  const rootPkg = readJson(repoRoot, 'package.json');
  for (const dir of ['.', ...expandWorkspaces(index, workspacePatterns(repoRoot, rootPkg))]) {
    const pkg = dir === '.' ? rootPkg : readJson(repoRoot, `${dir}/package.json`);
    if (pkg == null || typeof pkg.name !== 'string' || packages.has(pkg.name)) continue;
    const main = typeof pkg.module === 'string' ? pkg.module : typeof pkg.main === 'string' ? pkg.main : null;
    packages.set(pkg.name, { name: pkg.name, dir, exports: pkg.exports ?? null, main });
  }
  return packages;
}

function readGoModules(repoRoot: string, index: RepoIndex): GoModule[] {
  const modules: GoModule[] = [];
  for (const dir of [...index.dirs].sort()) {
    const file = path.join(repoRoot, dir, 'go.mod');
    if (!existsSync(file)) continue;
    const match = /^\s*module\s+"?([^\s"]+)"?/m.exec(readFileSync(file, 'utf8'));
    if (match?.[1] != null) modules.push({ dir, modulePath: match[1] });
  }
  return modules.sort((a, b) => b.modulePath.length - a.modulePath.length);
}

/**
 * Reads the manifests resolution depends on (tsconfig.json, package.json workspaces, go.mod) from `repoRoot` and
 * derives Python source roots from the index. With `repoRoot` null only the index is used.
 */
export function readRepoLayout(repoRoot: string | null, index: RepoIndex): RepoLayout {
  const languages = index.languages();
  const hasJs = ['javascript', 'typescript', 'tsx', 'jsx'].some((l) => languages.has(l));
  const packages = repoRoot != null && hasJs ? readPackages(repoRoot, index) : new Map<string, WorkspacePackage>();
  const tsDirs = ['.', ...[...packages.values()].map((p) => p.dir).filter((d) => d !== '.')];
  const tsConfigs =
    repoRoot != null && hasJs
      ? tsDirs.map((d) => readTsConfig(repoRoot, d)).filter((c): c is TsPathConfig => c != null)
      : [];
  return {
    pythonRoots: languages.has('python') ? detectPythonRoots(index) : ['.'],
    tsConfigs: tsConfigs.sort((a, b) => b.dir.length - a.dir.length),
    packages,
    goModules: repoRoot != null && languages.has('go') ? readGoModules(repoRoot, index) : [],
  };
}

const MANIFESTS = new Set(['package.json', 'tsconfig.json', 'go.mod', 'pnpm-workspace.yaml']);

/** Whether the layout reads a file at this path (a manifest whose content changes how imports resolve). */
export function isLayoutManifest(relativePath: string): boolean {
  return MANIFESTS.has(relativePath.slice(relativePath.lastIndexOf('/') + 1));
}

/** The file a tsconfig.json at `relativePath` extends, which the layout reads too; null when none in the tree. */
export function tsconfigExtends(relativePath: string, text: string): string | null {
  const json = parseJsonc(text) as { extends?: unknown } | null;
  const target = json?.extends;
  if (typeof target !== 'string' || !target.startsWith('.')) return null;
  return joinRepoPath(parentDir(relativePath), target.endsWith('.json') ? target : `${target}.json`);
}
