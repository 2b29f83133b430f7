import type { ImportRef } from '../../parsers/parsed-file.js';
import { parentDir } from '../../parsers/repo-path.js';
import type { FileBindings } from '../file-bindings.js';
import type { IndexedFile } from '../indexed-file.js';
import type { LanguageRules } from '../language-rules.js';
import type { RepoIndex } from '../repo-index.js';
import type { RepoLayout } from '../repo-layout.js';
import { pythonSubmodule, resolvePythonModule } from './python-module.js';

function bindImport(ref: ImportRef, file: IndexedFile, index: RepoIndex, layout: RepoLayout, out: FileBindings): void {
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

// `import a.b.c` binds the receivers `a`, `a.b` and `a.b.c`.
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

/** Source roots: the repository root, `src/`, then the parent of every top-level package. */
function pythonRoots(index: RepoIndex): string[] {
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

/** Python: modules are files and packages under source roots; methods are reached through `self` and `cls`. */
export const pythonRules = {
  family: 'python',
  languages: ['python'],
  selfReceivers: ['self', 'cls'],
  ownClassCallee: 'cls',
  superConstructorCallee: null,
  bareMethodCalls: false,
  ownerQualifiedMembers: true,
  callableKinds: null,
  objectLiterals: false,
  classBodyIsScope: false,
  packageExtensions: null,
  methodsAcrossPackage: false,
  bindImport,
  manifests: [],
  readLayout: (_repoRoot, index) => ({ pythonRoots: pythonRoots(index) }),
} satisfies LanguageRules;
