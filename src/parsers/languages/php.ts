import type { Node } from 'web-tree-sitter';
import type { HookContext, LanguageSpec } from '../language-spec.js';
import type { ImportRef } from '../parsed-file.js';
import { docCommentBefore } from './c-doc-comments.js';
import { nameLineSignature } from './java-name-line-signature.js';

// A namespace is matched without `@name`: `phpAnonymousName` writes `Acme\Geo` as `Acme.Geo`.
const SYMBOLS = `
(namespace_definition name: (namespace_name)) @definition.namespace
(class_declaration name: (name) @name) @definition.class
(interface_declaration name: (name) @name) @definition.interface
(trait_declaration name: (name) @name) @definition.trait
(enum_declaration name: (name) @name) @definition.enum
(function_definition name: (name) @name) @definition.function
(method_declaration name: (name) @name) @definition.method
(assignment_expression
  left: (variable_name (name) @name)
  right: [(anonymous_function_creation_expression) (arrow_function)] @fingerprint) @definition.function
`;

const INCLUDE_PATH = `[(string (string_content) @import.module) (binary_expression right: (string (string_content) @import.module))]`;
const INCLUDES = ['require_expression', 'require_once_expression', 'include_expression', 'include_once_expression']
  .map((type) => `(${type} ${INCLUDE_PATH}) @import`)
  .join('\n');

const IMPORTS = `
(namespace_use_clause [(qualified_name) (name)] @import.module) @import
(namespace_use_clause (namespace_aliasing_clause (name) @import.module_alias)) @import
(namespace_use_declaration
  (namespace_name) @import.module
  (namespace_use_group (namespace_use_group_clause (namespace_name) @import.name .))) @import
(namespace_use_declaration
  (namespace_use_group
    (namespace_use_group_clause (namespace_name) @import.name (namespace_aliasing_clause (name) @import.alias)))) @import
${INCLUDES}
`;

const CALLEE = `[(name) @call.callee (qualified_name (name) @call.callee .)]`;
const CALLS = `
(function_call_expression function: ${CALLEE}) @call
(member_call_expression object: (_) @call.receiver name: (name) @call.callee) @call
(nullsafe_member_call_expression object: (_) @call.receiver name: (name) @call.callee) @call
(scoped_call_expression scope: (_) @call.receiver name: (name) @call.callee) @call
(object_creation_expression ${CALLEE}) @call @call.constructor
`;

const TYPE = `[(name) (qualified_name)]`;
const INHERITANCE = `
(class_declaration (base_clause ${TYPE} @inherit.extends)) @inherit.owner
(class_declaration (class_interface_clause ${TYPE} @inherit.implements)) @inherit.owner
(class_declaration body: (declaration_list (use_declaration ${TYPE} @inherit.implements))) @inherit.owner
(enum_declaration (class_interface_clause ${TYPE} @inherit.implements)) @inherit.owner
(interface_declaration (base_clause ${TYPE} @inherit.extends)) @inherit.owner
`;

const LOCAL_TYPES = `
(assignment_expression
  left: (variable_name) @local.variable
  right: (object_creation_expression [(name) (qualified_name)] @local.type))
`;

const DOC_STYLE = { linePrefixes: [], blockOpeners: ['/**'] };

/** `namespace Acme\Geo` is named `Acme.Geo`. */
function phpAnonymousName(definition: Node): string | null {
  const name = definition.childForFieldName('name')?.text;
  return name == null ? null : name.replace(/^\\/, '').replaceAll('\\', '.');
}

const FUNCTIONS = new Set(['function_definition', 'method_declaration', 'anonymous_function_creation_expression']);

/**
 * A named `function` inside another function is declared globally when that code runs, so it is not a nested
 * symbol and is left out; closures bound to variables and methods of anonymous classes are kept.
 */
function isPhpSymbol(definition: Node): boolean {
  if (definition.type !== 'function_definition') return true;
  for (let up = definition.parent; up != null; up = up.parent) if (FUNCTIONS.has(up.type)) return false;
  return true;
}

/** `require __DIR__ . '/x.php'` is the file-relative `./x.php`. */
function finishPhpImport(ref: ImportRef, node: Node): ImportRef {
  if (!node.type.startsWith('require') && !node.type.startsWith('include')) return { ...ref, isRelative: false };
  const module = /__DIR__|dirname\s*\(\s*__FILE__/.test(node.text) ? `.${ref.module}` : ref.module;
  return { ...ref, module, isRelative: module.startsWith('.') };
}

/**
 * PHP (`.php`): namespaces (dotted), classes, interfaces, traits, enums, functions and methods; `use` clauses
 * and groups, `require`/`include`, calls, `new`, extends/implements and trait `use` (as `implements`), local
 * types from `$x = new Foo()`; `/** … *\/` docs.
 */
export const phpLanguage = {
  name: 'php',
  grammar: 'tree-sitter-php.wasm',
  extensions: ['.php'],
  queries: { symbols: SYMBOLS, imports: IMPORTS, calls: CALLS, inheritance: INHERITANCE, localTypes: LOCAL_TYPES },
  hooks: {
    isSymbol: isPhpSymbol,
    anonymousName: phpAnonymousName,
    finishImport: finishPhpImport,
    signature: (definition: Node, ctx: HookContext) => nameLineSignature(definition, ctx),
    docstring: (definition: Node) => docCommentBefore(definition, DOC_STYLE),
  },
} satisfies LanguageSpec;
