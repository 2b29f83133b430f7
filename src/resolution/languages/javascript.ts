import type { ImportRef } from '../../parsers/parsed-file.js';
import type { FileBindings } from '../file-bindings.js';
import type { IndexedFile } from '../indexed-file.js';
import type { LanguageRules } from '../language-rules.js';
import type { RepoIndex } from '../repo-index.js';
import type { RepoLayout } from '../repo-layout.js';
import { readJsLayout } from './js-layout.js';
import { resolveJsModule } from './js-module.js';

function bindImport(ref: ImportRef, file: IndexedFile, index: RepoIndex, layout: RepoLayout, out: FileBindings): void {
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

/**
 * JavaScript and TypeScript: modules are files found by specifier (relative, tsconfig `paths`, workspace
 * packages); `this` is the class instance or, in an object-literal method, the literal; only functions, methods
 * and classes can be called (an interface or type alias merged with a value is not the callee).
 */
export const javascriptRules = {
  family: 'javascript',
  languages: ['javascript', 'typescript', 'tsx', 'jsx'],
  selfReceivers: ['this'],
  ownClassCallee: null,
  superConstructorCallee: 'super',
  bareMethodCalls: false,
  ownerQualifiedMembers: true,
  callableKinds: new Set(['function', 'method', 'class']),
  objectLiterals: true,
  classBodyIsScope: true,
  packageExtensions: null,
  methodsAcrossPackage: false,
  bindImport,
  manifests: ['package.json', 'tsconfig.json', 'pnpm-workspace.yaml'],
  readLayout: readJsLayout,
} satisfies LanguageRules;
