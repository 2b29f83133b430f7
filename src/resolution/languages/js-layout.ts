import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { joinRepoPath, parentDir } from '../../parsers/repo-path.js';
import type { RepoIndex } from '../repo-index.js';
import type { RepoLayout, TsPathConfig, WorkspacePackage } from '../repo-layout.js';

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

/**
 * The workspace packages (package.json `workspaces`, pnpm-workspace.yaml) and the tsconfig `paths` of the root
 * and of each package, nearest directory first.
 */
export function readJsLayout(repoRoot: string | null, index: RepoIndex): Pick<RepoLayout, 'tsConfigs' | 'packages'> {
  if (repoRoot == null) return { tsConfigs: [], packages: new Map() };
  const packages = readPackages(repoRoot, index);
  const tsDirs = ['.', ...[...packages.values()].map((p) => p.dir).filter((d) => d !== '.')];
  const tsConfigs = tsDirs.map((d) => readTsConfig(repoRoot, d)).filter((c): c is TsPathConfig => c != null);
  return { tsConfigs: tsConfigs.sort((a, b) => b.dir.length - a.dir.length), packages };
}

/** The file a tsconfig.json at `relativePath` extends, which the layout reads too; null when none in the tree. */
export function tsconfigExtends(relativePath: string, text: string): string | null {
  const json = parseJsonc(text) as { extends?: unknown } | null;
  const target = json?.extends;
  if (typeof target !== 'string' || !target.startsWith('.')) return null;
  return joinRepoPath(parentDir(relativePath), target.endsWith('.json') ? target : `${target}.json`);
}
