import type { ModuleTarget } from './module-target.js';
import { joinRepoPath, type RepoLayout } from './read-repo-layout.js';
import type { RepoIndex } from './repo-index.js';

const JVM_EXTENSIONS = ['.java', '.kt', '.kts', '.scala', '.groovy'];
/** The extensions of Go files: a Go package is the `.go` files of a directory. */
export const GO_EXTENSIONS: readonly string[] = ['.go'];

/** Files of `dir` written in a language of the same family as `extensions` (one list per package, never changed). */
export function packageFiles(index: RepoIndex, dir: string, extensions: readonly string[]): readonly string[] {
  return index.packageOf(dir, extensions).files;
}

/**
 * Resolves a Go import path through the repository's go.mod files: `module/x/y` is the directory `x/y` under the
 * module's directory, and the package is every `.go` file there.
 */
export function resolveGoPackage(importPath: string, index: RepoIndex, layout: RepoLayout): ModuleTarget | null {
  for (const mod of layout.goModules) {
    // The module path itself or a path below it, checked without building a string: this runs per import and module.
    const end = mod.modulePath.length;
    if (!importPath.startsWith(mod.modulePath) || (importPath.length > end && importPath[end] !== '/')) continue;
    const dir = joinRepoPath(mod.dir, importPath.slice(mod.modulePath.length + 1));
    const files = dir == null ? [] : packageFiles(index, dir, GO_EXTENSIONS);
    if (dir != null && files.length > 0) return { nodePath: dir, files, resolution: 'go-module' };
  }
  return null;
}

/** The local name a Go import binds without an alias: the last path element, skipping a `/vN` major suffix. */
export function goPackageName(importPath: string): string {
  const parts = importPath.split('/');
  const last = parts.at(-1) ?? importPath;
  return /^v\d+$/.test(last) && parts.length > 1 ? (parts.at(-2) ?? last) : last;
}

/**
 * Resolves a JVM import: `com.x.Foo` is the file `…/com/x/Foo.java` (or `.kt`, …); `com.x` (a wildcard import) is
 * the package directory `…/com/x`. Returns the file for a class, the directory for a package.
 */
export function resolveJvmImport(qualified: string, isPackage: boolean, index: RepoIndex): ModuleTarget | null {
  const relative = qualified.replace(/\.\*$/, '').replace(/\./g, '/');
  if (isPackage) {
    const dir = index.dirsEndingWith(relative)[0];
    return dir == null
      ? null
      : { nodePath: dir, files: packageFiles(index, dir, JVM_EXTENSIONS), resolution: 'jvm-package' };
  }
  const slash = relative.lastIndexOf('/');
  const dirs = index.dirsEndingWith(slash < 0 ? '.' : relative.slice(0, slash));
  for (const dir of slash < 0 ? ['.'] : dirs) {
    const file = JVM_EXTENSIONS.map((e) => `${dir === '.' ? '' : `${dir}/`}${relative.slice(slash + 1)}${e}`).find(
      (f) => index.hasFile(f),
    );
    if (file != null) return { nodePath: file, files: [file], resolution: 'jvm-package' };
  }
  return null;
}
