import { joinRepoPath, parentDir } from '../../parsers/repo-path.js';
import { fileTarget, type ModuleTarget } from '../module-target.js';
import type { RepoIndex } from '../repo-index.js';
import type { RepoLayout } from '../repo-layout.js';
import type { Resolution } from '../resolution.js';

function moduleTarget(index: RepoIndex, base: string, resolution: Resolution): ModuleTarget | null {
  const candidates = base === '.' ? ['__init__.py'] : [`${base}.py`, `${base}/__init__.py`];
  const file = candidates.find((c) => index.hasFile(c));
  if (file != null) return fileTarget(file, resolution);
  // A directory without __init__.py is a namespace package (PEP 420): it has submodules but no symbols.
  return index.dirs.has(base) ? { nodePath: base, files: [], resolution } : null;
}

/**
 * Resolves a Python module as written (`..utils`, `.`, `a.b.c`) from `fromFile`: relative imports climb from the
 * file's package (no path stripping, `..` normalised), absolute ones are tried under every source root.
 */
export function resolvePythonModule(
  module: string,
  fromFile: string,
  index: RepoIndex,
  layout: RepoLayout,
): ModuleTarget | null {
  const dots = /^\.*/.exec(module)?.[0].length ?? 0;
  const rest = module.slice(dots).replace(/\./g, '/');
  if (dots > 0) {
    const up = Array.from({ length: dots - 1 }, () => '..');
    const base = joinRepoPath(parentDir(fromFile), ...up, rest);
    return base == null ? null : moduleTarget(index, base, 'relative-path');
  }
  let namespace: ModuleTarget | null = null;
  for (const root of layout.pythonRoots) {
    const base = joinRepoPath(root, rest);
    const target = base == null ? null : moduleTarget(index, base, 'source-root');
    if (target != null && target.files.length > 0) return target;
    namespace ??= target;
  }
  return namespace;
}

/** The submodule `name` of the package `target` (its `__init__.py` or namespace directory): `from pkg import name`. */
export function pythonSubmodule(index: RepoIndex, target: ModuleTarget, name: string): ModuleTarget | null {
  const isPackage = target.nodePath.endsWith('__init__.py') || target.files.length === 0;
  if (!isPackage) return null;
  const dir = target.files.length === 0 ? target.nodePath : parentDir(target.nodePath);
  const base = joinRepoPath(dir, name);
  const sub = base == null ? null : moduleTarget(index, base, target.resolution);
  return sub != null && sub.files.length > 0 ? sub : null;
}
