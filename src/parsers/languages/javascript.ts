import type { Node } from 'web-tree-sitter';
import type { LanguageSpec } from '../language-spec.js';
import { jsDocBefore } from './doc-comments.js';

/** Symbols shared by JavaScript and TypeScript (parity §4.6, plus `export default function`, C41). */
export const JS_SYMBOLS = `
(class_declaration name: (_) @name) @definition.class
(function_declaration name: (identifier) @name) @definition.function
(method_definition name: (_) @name) @definition.method
(variable_declarator name: (_) @name value: (arrow_function) @fingerprint) @definition.function
(export_statement "default" value: (function_expression) @definition.function)
`;

/** Imports shared by JavaScript and TypeScript (§5.4 with C16 fixed; re-exports count as imports). */
export const JS_IMPORTS = `
(import_statement source: (string) @import.module) @import
(import_statement (import_clause (identifier) @import.default)) @import
(import_statement (import_clause (namespace_import (identifier) @import.module_alias))) @import
(import_statement (import_clause (named_imports (import_specifier name: (_) @import.name !alias)))) @import
(import_statement
  (import_clause (named_imports (import_specifier name: (_) @import.name alias: (_) @import.alias)))) @import
(export_statement source: (string) @import.module) @import
(export_statement (export_clause (export_specifier name: (_) @import.name !alias)) source: (_)) @import
(export_statement
  (export_clause (export_specifier name: (_) @import.name alias: (_) @import.alias)) source: (_)) @import
(export_statement "*" source: (_)) @import @import.wildcard
(export_statement (namespace_export (_) @import.module_alias) source: (_)) @import
(variable_declarator
  name: (identifier) @import.module_alias
  value: (call_expression function: (identifier) @_require arguments: (arguments . (string) @import.module))
  (#eq? @_require "require")) @import
(variable_declarator
  name: (object_pattern (shorthand_property_identifier_pattern) @import.name)
  value: (call_expression function: (identifier) @_require arguments: (arguments . (string) @import.module))
  (#eq? @_require "require")) @import
(variable_declarator
  name: (object_pattern (pair_pattern key: (_) @import.name value: (identifier) @import.alias))
  value: (call_expression function: (identifier) @_require arguments: (arguments . (string) @import.module))
  (#eq? @_require "require")) @import
`;

/** Calls shared by JavaScript and TypeScript (§5.4): `f()`, `a.b.f()`, `new X()`, `new a.X()`. */
export const JS_CALLS = `
(call_expression function: (identifier) @call.callee (#not-eq? @call.callee "require")) @call
(call_expression function: (member_expression object: (_) @call.receiver property: (_) @call.callee)) @call
(new_expression constructor: (identifier) @call.callee) @call @call.constructor
(new_expression
  constructor: (member_expression object: (_) @call.receiver property: (_) @call.callee)) @call @call.constructor
`;

/** `const x = new Foo()` (also `let`/`var`). */
export const JS_LOCAL_TYPES = `
(variable_declarator name: (identifier) @local.variable value: (new_expression constructor: (_) @local.type))
`;

const JS_INHERITANCE = `
(class_declaration (class_heritage (_) @inherit.extends)) @inherit.owner
`;

const DECLARATIONS = new Set(['lexical_declaration', 'variable_declaration']);
const OPAQUE = new Set(['function_declaration', 'method_definition', ...DECLARATIONS]);

/**
 * Parity §4.6: nothing inside a function declaration, a method or a `const`/`let`/`var` declaration is a
 * symbol, except the declaration's own arrow-function declarators.
 */
export function isJsSymbol(definition: Node): boolean {
  let up = definition.parent;
  if (definition.type === 'variable_declarator' && up != null && DECLARATIONS.has(up.type)) up = up.parent;
  for (; up != null; up = up.parent) if (OPAQUE.has(up.type)) return false;
  return true;
}

/** `export default function () {}` is named `default`. */
export function jsAnonymousName(definition: Node): string | null {
  return definition.parent?.type === 'export_statement' ? 'default' : null;
}

const WRAPPERS = ['export_statement', 'lexical_declaration', 'variable_declaration'];

/** JSDoc right before the declaration (or its `export`/`const` wrapper). */
export function jsDocstring(definition: Node): string | null {
  return jsDocBefore(definition, WRAPPERS);
}

/** JavaScript (`.js .jsx .mjs .cjs`). */
export const javascriptLanguage = {
  name: 'javascript',
  grammar: 'tree-sitter-javascript.wasm',
  extensions: ['.js', '.jsx', '.mjs', '.cjs'],
  queries: {
    symbols: JS_SYMBOLS,
    imports: JS_IMPORTS,
    calls: JS_CALLS,
    inheritance: JS_INHERITANCE,
    localTypes: JS_LOCAL_TYPES,
  },
  hooks: { isSymbol: isJsSymbol, anonymousName: jsAnonymousName, docstring: jsDocstring },
} satisfies LanguageSpec;
