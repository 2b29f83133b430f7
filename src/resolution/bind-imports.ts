import type { ImportRef } from '../parsers/parsed-file.js';
import type { ModuleTarget } from './module-target.js';
import type { RepoLayout } from './read-repo-layout.js';
import type { IndexedFile, RepoIndex } from './repo-index.js';
import { resolveJsModule } from './resolve-js-module.js';
import { goPackageName, resolveGoPackage, resolveJvmImport } from './resolve-package-import.js';
import { pythonSubmodule, resolvePythonModule } from './resolve-python-module.js';

/** Language families that share resolution rules. */
export type LanguageFamily = 'python' | 'js' | 'go' | 'jvm' | 'other';

/** The family of a tree-sitter language name. */
export function languageFamily(language: string | null): LanguageFamily {
  if (language === 'python') return 'python';
  if (language === 'javascript' || language === 'typescript' || language === 'tsx' || language === 'jsx') return 'js';
  if (language === 'go') return 'go';
  if (language === 'java' || language === 'kotlin' || language === 'scala') return 'jvm';
  return 'other';
}

/** A local name bound to an exported name of a module (`default` for a JS default import). */
export interface NameBinding {
  target: ModuleTarget;
  name: string;
}

/** What a file's imports bind, and which of them point inside the repository. */
export interface FileBindings {
  /** Resolved imports, one per (statement, target), for `IMPORTS` relationships. */
  imports: { target: ModuleTarget; line: number }[];
  /** Receivers bound to a whole module: `np` in `import numpy as np`, `a.b.c` in `import a.b.c`, Go packages. */
  modules: Map<string, ModuleTarget>;
  names: Map<string, NameBinding>;
  /** Modules whose names are all visible (`from m import *`, Java `import p.*`, Go dot imports). */
  wildcards: ModuleTarget[];
  /** Import statements that point outside the repository or could not be resolved. */
  unresolved: number;
}

function bindPython(ref: ImportRef, file: IndexedFile, index: RepoIndex, layout: RepoLayout, out: FileBindings): void {
  const target = resolvePythonModule(ref.module, file.path, index, layout);
  if (target == null) {
    out.unresolved++;
    return;
  }
  if (ref.names.length === 0 && !ref.isWildcard) {
    out.imports.push({ target, line: ref.line });
    if (ref.moduleAlias != null) out.modules.set(ref.moduleAlias, target);
    else bindDottedPrefixes(ref.module, file, index, layout, out);
    return;
  }
  let importsPackage = ref.isWildcard;
  for (const { name, alias } of ref.names) {
    const sub = pythonSubmodule(index, target, name);
    if (sub != null) {
      out.modules.set(alias ?? name, sub);
      out.imports.push({ target: sub, line: ref.line });
    } else {
      out.names.set(alias ?? name, { target, name });
      importsPackage = true;
    }
  }
  if (ref.isWildcard) out.wildcards.push(target);
  // `from . import x` inside a package's own __init__.py must not import itself.
  if (importsPackage && target.files.length > 0 && target.nodePath !== file.path) {
    out.imports.push({ target, line: ref.line });
  }
}

// `import a.b.c` binds the receivers `a`, `a.b` and `a.b.c` (the original keyed it as `a.b`).
function bindDottedPrefixes(
  module: string,
  file: IndexedFile,
  index: RepoIndex,
  layout: RepoLayout,
  out: FileBindings,
): void {
  const parts = module.split('.');
  for (let i = parts.length; i >= 1; i--) {
    const prefix = parts.slice(0, i).join('.');
    if (out.modules.has(prefix)) continue;
    const target = resolvePythonModule(prefix, file.path, index, layout);
    if (target != null) out.modules.set(prefix, target);
  }
}

function bindJs(ref: ImportRef, file: IndexedFile, index: RepoIndex, layout: RepoLayout, out: FileBindings): void {
  const target = resolveJsModule(ref.module, file.path, index, layout);
  if (target == null) {
    out.unresolved++;
    return;
  }
  out.imports.push({ target, line: ref.line });
  // The default binding and named bindings stay apart; `{A as B}` binds B to A.
  if (ref.defaultImport != null) out.names.set(ref.defaultImport, { target, name: 'default' });
  if (ref.moduleAlias != null) out.modules.set(ref.moduleAlias, target);
  for (const { name, alias } of ref.names) out.names.set(alias ?? name, { target, name });
  if (ref.isWildcard && ref.moduleAlias == null) out.wildcards.push(target);
}

function bindGo(ref: ImportRef, index: RepoIndex, layout: RepoLayout, out: FileBindings): void {
  const target = resolveGoPackage(ref.module, index, layout);
  if (target == null) {
    out.unresolved++;
    return;
  }
  out.imports.push({ target, line: ref.line });
  if (ref.moduleAlias === '.') out.wildcards.push(target);
  else if (ref.moduleAlias !== '_') out.modules.set(ref.moduleAlias ?? goPackageName(ref.module), target);
}

function bindJvm(ref: ImportRef, index: RepoIndex, out: FileBindings): void {
  const module = ref.module.replace(/\.\*$/, '');
  const wildcard = ref.isWildcard || ref.module.endsWith('.*');
  const named: [string, string | null][] = ref.names.map((n) => [`${module}.${n.name}`, n.alias]);
  if (!wildcard && named.length === 0) named.push([module, ref.moduleAlias]);
  let resolved = false;
  for (const [qualified, alias] of named) {
    const simple = qualified.slice(qualified.lastIndexOf('.') + 1);
    const parent = qualified.slice(0, qualified.lastIndexOf('.'));
    const cls = resolveJvmImport(qualified, false, index);
    // `com.x.Outer.Inner` names a member of a class file; Kotlin `com.x.topLevelFun` a symbol of a package.
    const owner = cls == null ? resolveJvmImport(parent, false, index) : null;
    const pkg = cls == null && owner == null ? resolveJvmImport(parent, true, index) : null;
    const target = cls ?? owner ?? pkg;
    if (target == null) continue;
    const name = owner != null ? `${parent.split('.').at(-1) ?? ''}.${simple}` : simple;
    out.names.set(alias ?? simple, { target, name });
    out.imports.push({ target, line: ref.line });
    resolved = true;
  }
  if (wildcard) {
    const pkg = resolveJvmImport(module, true, index) ?? resolveJvmImport(module, false, index);
    if (pkg != null) {
      out.wildcards.push(pkg);
      out.imports.push({ target: pkg, line: ref.line });
      resolved = true;
    }
  }
  if (!resolved) out.unresolved++;
}

/** Resolves every import of `file` and returns the bindings they create in the file's scope. */
export function bindImports(file: IndexedFile, index: RepoIndex, layout: RepoLayout): FileBindings {
  const out: FileBindings = { imports: [], modules: new Map(), names: new Map(), wildcards: [], unresolved: 0 };
  const family = languageFamily(file.language);
  for (const ref of file.imports) {
    if (family === 'python') bindPython(ref, file, index, layout, out);
    else if (family === 'js') bindJs(ref, file, index, layout, out);
    else if (family === 'go') bindGo(ref, index, layout, out);
    else if (family === 'jvm') bindJvm(ref, index, out);
    else out.unresolved++;
  }
  return out;
}
