import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ImportRef } from '../../parsers/parsed-file.js';
import { joinRepoPath } from '../../parsers/repo-path.js';
import type { FileBindings } from '../file-bindings.js';
import type { LanguageRules } from '../language-rules.js';
import type { ModuleTarget } from '../module-target.js';
import type { RepoIndex } from '../repo-index.js';
import type { GoModule, RepoLayout } from '../repo-layout.js';

/** The extensions of Go files: a Go package is the `.go` files of a directory. */
export const GO_EXTENSIONS: readonly string[] = ['.go'];

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
    const files = dir == null ? [] : index.packageOf(dir, GO_EXTENSIONS).files;
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

function bindImport(ref: ImportRef, _file: unknown, index: RepoIndex, layout: RepoLayout, out: FileBindings): void {
  const target = resolveGoPackage(ref.module, index, layout);
  if (target == null) {
    out.unresolved++;
    return;
  }
  out.imports.push({ target, line: ref.line });
  if (ref.moduleAlias === '.') out.wildcards.push(target);
  else if (ref.moduleAlias !== '_') out.modules.set(ref.moduleAlias ?? goPackageName(ref.module), target);
}

/** Every go.mod of the repository, longest module path first. */
function readGoModules(repoRoot: string | null, index: RepoIndex): GoModule[] {
  if (repoRoot == null) return [];
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
 * Go: a package is the `.go` files of a directory, found through go.mod module paths; its files see each other's
 * top-level names, and a type's methods may be declared in any of them. Methods are called through a receiver.
 */
export const goRules = {
  family: 'go',
  languages: ['go'],
  selfReceivers: [],
  ownClassCallee: null,
  superConstructorCallee: null,
  bareMethodCalls: false,
  ownerQualifiedMembers: false,
  callableKinds: null,
  objectLiterals: false,
  classBodyIsScope: true,
  packageExtensions: GO_EXTENSIONS,
  methodsAcrossPackage: true,
  bindImport,
  manifests: ['go.mod'],
  readLayout: (repoRoot, index) => ({ goModules: readGoModules(repoRoot, index) }),
} satisfies LanguageRules;
