import { joinRepoPath, parentDir } from '../../parsers/repo-path.js';
import { fileTarget, type ModuleTarget } from '../module-target.js';
import type { RepoIndex } from '../repo-index.js';
import type { RepoLayout, TsPathConfig, WorkspacePackage } from '../repo-layout.js';
import type { Resolution } from '../resolution.js';

const EXTENSIONS = ['.ts', '.tsx', '.d.ts', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];
// TypeScript's ESM rule: a specifier names the emitted file (`./x.js`), the source is `x.ts`. Bundlers also
// emit `x.mjs`/`x.cjs` from a plain `x.ts`.
const SOURCE_FOR_EMITTED: Record<string, string[]> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts', '.ts'],
  '.cjs': ['.cts', '.ts'],
  '.d.ts': ['.ts'],
};
const CONDITIONS = ['source', 'import', 'module', 'default', 'require', 'node', 'types'];

/** The repository file a JS/TS path (with or without extension, or a directory with an index file) denotes. */
export function findJsFile(index: RepoIndex, base: string): string | null {
  if (index.hasFile(base)) return base;
  for (const [emitted, sources] of Object.entries(SOURCE_FOR_EMITTED)) {
    if (!base.endsWith(emitted)) continue;
    const stem = base.slice(0, -emitted.length);
    const hit = sources.map((s) => stem + s).find((c) => index.hasFile(c));
    if (hit != null) return hit;
  }
  const withExt = EXTENSIONS.map((e) => base + e).find((c) => index.hasFile(c));
  if (withExt != null) return withExt;
  const dir = base === '.' ? '' : `${base}/`;
  return EXTENSIONS.map((e) => `${dir}index${e}`).find((c) => index.hasFile(c)) ?? null;
}

function tryPath(index: RepoIndex, base: string | null, resolution: Resolution): ModuleTarget | null {
  const file = base == null ? null : findJsFile(index, base);
  return file == null ? null : fileTarget(file, resolution);
}

function matchPattern(pattern: string, spec: string): string | null {
  const star = pattern.indexOf('*');
  if (star < 0) return pattern === spec ? '' : null;
  const prefix = pattern.slice(0, star);
  const suffix = pattern.slice(star + 1);
  const ok = spec.startsWith(prefix) && spec.endsWith(suffix) && spec.length >= prefix.length + suffix.length;
  return ok ? spec.slice(prefix.length, spec.length - suffix.length) : null;
}

function viaTsConfig(index: RepoIndex, config: TsPathConfig, spec: string): ModuleTarget | null {
  for (const [pattern, targets] of config.paths) {
    const captured = matchPattern(pattern, spec);
    if (captured == null) continue;
    for (const target of targets) {
      const hit = tryPath(index, joinRepoPath(config.baseDir, target.replace('*', captured)), 'tsconfig-paths');
      if (hit != null) return hit;
    }
  }
  return config.hasBaseUrl ? tryPath(index, joinRepoPath(config.baseDir, spec), 'tsconfig-paths') : null;
}

function conditionTarget(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(conditionTarget).find((v) => v != null) ?? null;
  if (value == null || typeof value !== 'object') return null;
  const entries = value as Record<string, unknown>;
  const keys = [
    ...CONDITIONS.filter((k) => k in entries),
    ...Object.keys(entries).filter((k) => !CONDITIONS.includes(k)),
  ];
  return keys.map((k) => conditionTarget(entries[k])).find((v) => v != null) ?? null;
}

function exportTarget(exports: unknown, subpath: string): string | null {
  if (exports == null) return null;
  const isSubpathMap =
    typeof exports === 'object' && !Array.isArray(exports) && Object.keys(exports).some((k) => k.startsWith('.'));
  if (!isSubpathMap) return subpath === '.' ? conditionTarget(exports) : null;
  const map = exports as Record<string, unknown>;
  if (subpath in map) return conditionTarget(map[subpath]);
  for (const [key, value] of Object.entries(map)) {
    const captured = matchPattern(key, subpath);
    const target = captured == null ? null : conditionTarget(value);
    if (target != null) return target.replace('*', captured ?? '');
  }
  return null;
}

function viaPackage(index: RepoIndex, pkg: WorkspacePackage, subpath: string): ModuleTarget | null {
  const declared = exportTarget(pkg.exports, subpath) ?? (subpath === '.' ? pkg.main : null);
  const candidates = declared != null ? [declared, declared.replace(/^(\.\/)?(dist|lib|build|out)\//, 'src/')] : [];
  const built = /^\.\/(dist|lib|build|out)\//;
  // A deep import into the build output (`pkg/lib/x`) names the source `pkg/src/x`.
  if (built.test(subpath)) candidates.push(subpath.replace(built, 'src/'));
  candidates.push(subpath === '.' ? 'src/index' : `src/${subpath.slice(2)}`, subpath);
  for (const candidate of candidates) {
    const hit = tryPath(index, joinRepoPath(pkg.dir, candidate), 'workspace-package');
    if (hit != null) return hit;
  }
  return null;
}

function findPackage(layout: RepoLayout, spec: string): [WorkspacePackage, string] | null {
  let best: [WorkspacePackage, string] | null = null;
  for (const pkg of layout.packages.values()) {
    if (spec !== pkg.name && !spec.startsWith(`${pkg.name}/`)) continue;
    if (best == null || pkg.name.length > best[0].name.length) {
      best = [pkg, spec === pkg.name ? '.' : `./${spec.slice(pkg.name.length + 1)}`];
    }
  }
  return best;
}

/**
 * Resolves a JS/TS specifier from `fromFile`: relative paths with extension, `.js`→`.ts` and index rules, then the
 * nearest tsconfig `paths`/`baseUrl`, then the repository's own (workspace) packages via `exports`/`main`.
 */
export function resolveJsModule(
  spec: string,
  fromFile: string,
  index: RepoIndex,
  layout: RepoLayout,
): ModuleTarget | null {
  if (spec === '.' || spec === '..' || spec.startsWith('./') || spec.startsWith('../')) {
    return tryPath(index, joinRepoPath(parentDir(fromFile), spec), 'relative-path');
  }
  if (spec.startsWith('/')) return null;
  const dir = parentDir(fromFile);
  const config = layout.tsConfigs.find((c) => c.dir === '.' || dir === c.dir || dir.startsWith(`${c.dir}/`));
  const viaConfig = config == null ? null : viaTsConfig(index, config, spec);
  if (viaConfig != null) return viaConfig;
  const found = findPackage(layout, spec);
  return found == null ? null : viaPackage(index, found[0], found[1]);
}
