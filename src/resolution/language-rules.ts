import type { ImportRef, SymbolKind } from '../parsers/parsed-file.js';
import type { FileBindings } from './file-bindings.js';
import type { IndexedFile } from './indexed-file.js';
import type { RepoIndex } from './repo-index.js';
import type { RepoLayout } from './repo-layout.js';

/**
 * How one family of languages binds names, as data the resolution engine reads: the engine has no language
 * names in it. One module per family lives in `src/resolution/languages/` and is registered in its `index.ts`;
 * adding a language is adding its tree-sitter name to a family, or a module of its own.
 */
export interface LanguageRules {
  /** Family name, for messages and tests. */
  family: string;
  /** tree-sitter language names (`ParsedFile.language`) the rules apply to. */
  languages: readonly string[];

  // Receivers and bare names.
  /** Receivers that denote the instance of the enclosing class (`self`, `this`). */
  selfReceivers: readonly string[];
  /** A bare call of this name constructs the enclosing class (Python `cls()` in a class method). */
  ownClassCallee: string | null;
  /** A bare call of this name calls the base class's constructor (JS `super(…)`). */
  superConstructorCallee: string | null;
  /** Whether a bare name reaches the methods of the enclosing class (JVM-like languages call siblings without `this.`). */
  bareMethodCalls: boolean;
  /**
   * Whether a name is seen only where it is defined: an object-literal member (`obj.m`) or an assigned member
   * (`X.y = function`) is then reached through its owner, never by its bare name.
   */
  ownerQualifiedMembers: boolean;
  /** The kinds a call can target (JS cannot call an interface, a type alias or an enum); null for every kind. */
  callableKinds: ReadonlySet<SymbolKind> | null;
  /** Object literals own members: `obj.m()`, and `this.m()` inside an object-literal method. */
  objectLiterals: boolean;
  /** Whether a class body is a scope of the methods inside it (not in Python). */
  classBodyIsScope: boolean;

  // Modules and packages.
  /**
   * Extensions of the files that form a package with the other files of their directory and see its top-level
   * names without importing them (Go, JVM); null when a file sees only what it imports.
   */
  packageExtensions: readonly string[] | null;
  /** Whether a type's methods may be defined in any file of its package (Go). */
  methodsAcrossPackage: boolean;
  /** Resolves one import statement of `file` and adds what it binds to `out` (or counts it unresolved). */
  bindImport(ref: ImportRef, file: IndexedFile, index: RepoIndex, layout: RepoLayout, out: FileBindings): void;
  /** File names of manifests whose content changes how imports resolve (`tsconfig.json`, `go.mod`). */
  manifests: readonly string[];
  /**
   * The family's part of the layout, read from the manifests under `repoRoot` (null: none on disk) and the
   * index. Called only when the repository has a file of the family.
   */
  readLayout?(repoRoot: string | null, index: RepoIndex): Partial<RepoLayout>;
}
