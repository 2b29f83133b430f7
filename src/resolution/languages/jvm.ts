import type { ImportRef } from '../../parsers/parsed-file.js';
import type { FileBindings } from '../file-bindings.js';
import type { LanguageRules } from '../language-rules.js';
import type { ModuleTarget } from '../module-target.js';
import type { RepoIndex } from '../repo-index.js';

/** The extensions of JVM source files: a package is the files of a directory with one of them. */
const JVM_EXTENSIONS: readonly string[] = ['.java', '.kt', '.kts', '.scala', '.groovy'];

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
      : { nodePath: dir, files: index.packageOf(dir, JVM_EXTENSIONS).files, resolution: 'jvm-package' };
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

function bindImport(ref: ImportRef, _file: unknown, index: RepoIndex, _layout: unknown, out: FileBindings): void {
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

/**
 * Java, Kotlin and Scala: imports name classes by package path (`com.x.Foo` is `…/com/x/Foo.java`), the files of
 * a package directory see each other's top-level names, and a method calls its siblings without `this.`.
 */
export const jvmRules = {
  family: 'jvm',
  languages: ['java', 'kotlin', 'scala'],
  selfReceivers: ['this'],
  ownClassCallee: null,
  superConstructorCallee: null,
  bareMethodCalls: true,
  ownerQualifiedMembers: false,
  callableKinds: null,
  objectLiterals: false,
  classBodyIsScope: true,
  packageExtensions: JVM_EXTENSIONS,
  methodsAcrossPackage: false,
  bindImport,
  manifests: [],
} satisfies LanguageRules;
