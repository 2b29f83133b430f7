import type { Node } from 'web-tree-sitter';
import type { ImportRef, SymbolKind } from './parsed-file.js';

/**
 * The query texts of a language. Each is tree-sitter query source (`.scm` syntax) and uses the capture names
 * documented in `src/parsers/languages/README.md`; a missing query means the language yields nothing of that sort.
 */
export interface LanguageQueries {
  /** `@definition.<kind>` on the definition node, `@name` on its name node, optional `@fingerprint`. */
  symbols: string;
  /** `@import` groups one ImportRef; `@import.module`, `@import.name`, `@import.alias`, … fill it. */
  imports?: string;
  /** `@call` on the call node, `@call.callee`, optional `@call.receiver`, optional `@call.constructor`. */
  calls?: string;
  /** `@inherit.owner` on a definition node plus `@inherit.extends` or `@inherit.implements` on each base. */
  inheritance?: string;
  /** `@local.variable` and `@local.type` in one match: a local whose type is known from its initialiser. */
  localTypes?: string;
}

/** What the extraction engine hands to a hook: the file's text split into lines, and the file path. */
export interface HookContext {
  relativePath: string;
  /** The decoded file text (UTF-16 offsets match `node.startIndex`). */
  source: string;
  /** `source` split on `\n` (a trailing `\r` is left in place; trim it if it matters). */
  lines: string[];
}

/**
 * Behaviour a query cannot express. Every hook is optional; the defaults are described on each member and in
 * `src/parsers/languages/README.md`.
 */
export interface LanguageHooks {
  /**
   * Whether a captured definition really is a symbol (e.g. a JS function expression is not one when a variable
   * binds it, the variable is). Default: kept unless an ancestor's type is in `LanguageSpec.opaqueTypes`.
   */
  isSymbol?(definition: Node): boolean;
  /** The signature text. Default: the rest of the definition's first line from its start column, trimmed. */
  signature?(definition: Node, ctx: HookContext): string;
  /** The docstring or doc comment. Default: null. */
  docstring?(definition: Node, ctx: HookContext): string | null;
  /** Name of a definition matched without `@name` (JS `export default function () {}` → `default`); null drops it. */
  anonymousName?(definition: Node): string | null;
  /**
   * A prefix of the qualified name that is not a symbol itself, placed between the parent's qualified name and
   * the symbol's name: the variable an object literal is bound to (`obj` in `obj.method`), the owner of an
   * assigned member (`Foo` in `Foo.prototype.bar = function () {}`). Default: none.
   */
  qualifier?(definition: Node): string | null;
  /** Final adjustment of a kind given the kind of the enclosing symbol. Default: see `methodContainers`. */
  kind?(captured: SymbolKind, parentKind: SymbolKind | null, definition: Node): SymbolKind;
  /** Whether a module specifier is relative. Default: starts with `.` (Python `..x`, JS `./x`). */
  isRelativeImport?(module: string): boolean;
  /** Last chance to fix an import assembled from captures (return null to drop it). Default: identity. */
  finishImport?(ref: ImportRef, importNode: Node): ImportRef | null;
  /** Whether a call with this callee name constructs an object when no `@call.constructor` was captured. Default: false. */
  isConstructorCall?(callee: string): boolean;
}

/**
 * A language module: everything the engine needs to parse one language. Language modules live in
 * `src/parsers/languages/<lang>.ts` and are registered in `src/parsers/languages/index.ts`.
 */
export interface LanguageSpec {
  /** tree-sitter language name as stored in `ParsedFile.language` (`python`, `typescript`, `tsx`, …). */
  name: string;
  /** Grammar file inside `tree-sitter-wasms/out/`, e.g. `tree-sitter-python.wasm`. */
  grammar: string;
  /** Lower-case file extensions including the dot (`.py`); matching is case-insensitive. */
  extensions: string[];
  /** Lower-case exact file names (`dockerfile`, `makefile`) that select this language. */
  fileNames?: string[];
  queries: LanguageQueries;
  /**
   * Node types whose descendants never yield symbols (no language needs it now: what a function defines, a nested
   * function or a local type, is a symbol under it). Used by the default `isSymbol` hook.
   */
  opaqueTypes?: string[];
  /**
   * Kinds of enclosing symbol that turn a captured `function` into a `method`. Default `['class']`.
   */
  methodContainers?: SymbolKind[];
  hooks?: LanguageHooks;
}
