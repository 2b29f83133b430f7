import type { Node } from 'web-tree-sitter';
import type { LanguageSpec } from '../language-spec.js';
import type { SymbolKind } from '../parsed-file.js';
import { jsDocBefore } from './doc-comments.js';

const FUNCTION_VALUE = '[(arrow_function) (function_expression) (generator_function)]';
const CALLED = '[(identifier) (member_expression)]';
/**
 * A variable or property whose value is wrapped (`(…)`; TypeScript adds `as` and `satisfies`): `isJsSymbol`
 * keeps it only when the wrapped value is a function.
 */
export function wrappedFunctionSymbols(wrapper: string): string {
  return `
(variable_declarator name: (identifier) @name value: ${wrapper} @fingerprint) @definition.function
(pair key: [(property_identifier) (private_property_identifier)] @name value: ${wrapper} @fingerprint)
  @definition.method
`;
}

/**
 * Symbols shared by JavaScript and TypeScript: those the original service extracted, `export default function`, and
 * every other named function-like: generator, nested and local functions, functions and classes bound to a
 * variable, object-literal methods and properties holding functions (`obj.method`), class fields holding functions,
 * `exports.x = function` and `X.prototype.y = function`, and named function expressions.
 */
export const JS_SYMBOLS = `
(class_declaration name: (_) @name) @definition.class
(function_declaration name: (identifier) @name) @definition.function
(generator_function_declaration name: (identifier) @name) @definition.function
(method_definition name: (_) @name) @definition.method
(variable_declarator name: (_) @name value: (arrow_function) @fingerprint) @definition.function
(variable_declarator name: (identifier) @name value: [(function_expression) (generator_function)] @fingerprint)
  @definition.function
(variable_declarator name: (identifier) @name value: (class) @fingerprint) @definition.class
(export_statement "default" value: (function_expression) @definition.function)
(pair key: [(property_identifier) (private_property_identifier)] @name value: ${FUNCTION_VALUE} @fingerprint)
  @definition.method
(pair key: (string (string_fragment) @name) value: ${FUNCTION_VALUE} @fingerprint) @definition.method
(assignment_expression
  left: (member_expression property: (property_identifier) @name) right: ${FUNCTION_VALUE} @fingerprint)
  @definition.function
(function_expression name: (identifier) @name) @definition.function
(generator_function name: (identifier) @name) @definition.function
${wrappedFunctionSymbols('(parenthesized_expression)')}`;

/** JavaScript class fields holding a function (`handler = () => {}`); TypeScript names the node differently. */
const JS_FIELD_SYMBOLS = `
(field_definition property: [(property_identifier) (private_property_identifier)] @name value: ${FUNCTION_VALUE}
  @fingerprint) @definition.method
(field_definition property: [(property_identifier) (private_property_identifier)] @name value: (class) @fingerprint)
  @definition.class
`;

/** JavaScript class fields initialised with `new Foo()` or a call; TypeScript names the node differently. */
const JS_FIELD_TYPES = `
(field_definition
  property: [(property_identifier) (private_property_identifier)] @attribute.name
  value: (new_expression constructor: (_) @attribute.new))
(field_definition
  property: [(property_identifier) (private_property_identifier)] @attribute.name
  value: (call_expression function: ${CALLED} @attribute.call))
`;

/** Imports shared by JavaScript and TypeScript (default and named bindings kept apart; re-exports count as imports). */
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

/** Calls shared by JavaScript and TypeScript: `f()`, `a.b.f()`, `new X()`, `new a.X()`, and `super()`. */
export const JS_CALLS = `
(call_expression function: (identifier) @call.callee (#not-eq? @call.callee "require")) @call
(call_expression function: (member_expression object: (_) @call.receiver property: (_) @call.callee)) @call
(call_expression function: (super) @call.callee) @call
(new_expression constructor: (identifier) @call.callee) @call @call.constructor
(new_expression
  constructor: (member_expression object: (_) @call.receiver property: (_) @call.callee)) @call @call.constructor
`;

/**
 * Types the code states, shared by JavaScript and TypeScript: `const x = new Foo()`, `const x = make()` and
 * `const x = await make()` (the callee's return type), `this.x = new Foo()` and `this.x = make()` (attributes),
 * and functions whose body returns `new Foo()`.
 */
export const JS_LOCAL_TYPES = `
(variable_declarator name: (identifier) @local.variable value: (new_expression constructor: (_) @local.new))
(variable_declarator name: (identifier) @local.variable value: (member_expression) @local.value)
(variable_declarator name: (identifier) @local.variable value: (call_expression function: ${CALLED} @local.call))
(variable_declarator
  name: (identifier) @local.variable
  value: (await_expression (call_expression function: ${CALLED} @local.call)))
(assignment_expression
  left: (member_expression object: (this) property: (property_identifier) @attribute.name)
  right: (new_expression constructor: (_) @attribute.new))
(assignment_expression
  left: (member_expression object: (this) property: (property_identifier) @attribute.name)
  right: (call_expression function: ${CALLED} @attribute.call))
(assignment_expression
  left: (member_expression object: (this) property: (property_identifier) @attribute.name)
  right: [(identifier) (member_expression)] @attribute.value
  (#not-eq? @attribute.value "undefined"))
(function_declaration body: (statement_block (return_statement (new_expression constructor: (_) @return.new))))
  @return.owner
(method_definition body: (statement_block (return_statement (new_expression constructor: (_) @return.new))))
  @return.owner
(variable_declarator value: (arrow_function body: (new_expression constructor: (_) @return.new))) @return.owner
`;

const JS_INHERITANCE = `
(class_declaration (class_heritage (_) @inherit.extends)) @inherit.owner
`;

const BINDINGS = new Set([
  'variable_declarator',
  'pair',
  'field_definition',
  'public_field_definition',
  'assignment_expression',
]);
const EXPRESSION_WRAPPERS = new Set(['parenthesized_expression', 'as_expression', 'satisfies_expression']);
const FUNCTION_TYPES = new Set(['arrow_function', 'function_expression', 'generator_function']);

/** The value of a declarator, pair or field with `(…)`, `as` and `satisfies` wrappers removed. */
function unwrappedValue(definition: Node): Node | null {
  let value = definition.childForFieldName('value');
  for (let guard = 0; value != null && EXPRESSION_WRAPPERS.has(value.type) && guard < 16; guard++) {
    value = value.namedChild(0);
  }
  return value;
}
const DOTTED = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

/**
 * Which captured definitions are symbols: a named function expression only when nothing binds it to another name
 * (the binding is the symbol then), and `a.b = function` only for a plain dotted target that is not `this`.
 */
export function isJsSymbol(definition: Node): boolean {
  if (definition.type === 'function_expression' || definition.type === 'generator_function') {
    return !BINDINGS.has(definition.parent?.type ?? '');
  }
  if (definition.type === 'assignment_expression') return assignedOwner(definition) !== undefined;
  if (EXPRESSION_WRAPPERS.has(definition.childForFieldName('value')?.type ?? '')) {
    return FUNCTION_TYPES.has(unwrappedValue(definition)?.type ?? '');
  }
  return true;
}

/**
 * The owner part of `owner.name = function`: null for `exports.name` and `module.exports.name` (module-level
 * functions), `X` for `X.prototype.name`, the dotted target otherwise; undefined when it is not a plain name.
 */
function assignedOwner(assignment: Node): string | null | undefined {
  const object = assignment.childForFieldName('left')?.childForFieldName('object');
  const text = object?.text ?? '';
  if (text === 'exports' || text === 'module.exports' || text === 'this') return null;
  if (!DOTTED.test(text) || text.startsWith('this.')) return undefined;
  return text.endsWith('.prototype') ? text.slice(0, -'.prototype'.length) : text;
}

/** The name an object literal is bound to (`obj`, or `obj.inner` for a nested literal), null when unbound. */
function objectBinding(object: Node): string | null {
  let up = object.parent;
  while (up != null && EXPRESSION_WRAPPERS.has(up.type)) up = up.parent;
  if (up == null) return null;
  if (up.type === 'variable_declarator') {
    const name = up.childForFieldName('name');
    return name?.type === 'identifier' ? name.text : null;
  }
  if (up.type === 'pair') {
    const key = up.childForFieldName('key');
    const keyName = key?.type === 'string' ? (key.namedChild(0)?.text ?? null) : (key?.text ?? null);
    if (keyName == null || !DOTTED.test(keyName)) return null;
    const outer = up.parent == null ? null : objectBinding(up.parent);
    return outer == null ? keyName : `${outer}.${keyName}`;
  }
  if (up.type === 'assignment_expression') {
    const left = up.childForFieldName('left');
    if (left?.type === 'identifier') return left.text;
    if (left?.type !== 'member_expression') return null;
    const owner = assignedOwner(up);
    const property = left.childForFieldName('property')?.text ?? '';
    if (owner === undefined || left.text === 'module.exports') return null;
    return owner == null ? property : `${owner}.${property}`;
  }
  return null;
}

/** The qualified-name prefix that is not a symbol: an object literal's binding, an assigned member's owner. */
export function jsQualifier(definition: Node): string | null {
  if (definition.type === 'assignment_expression') return assignedOwner(definition) ?? null;
  if (definition.type !== 'method_definition' && definition.type !== 'pair') return null;
  const container = definition.parent;
  return container?.type === 'object' ? objectBinding(container) : null;
}

/**
 * `X.prototype.y = function` and `this.y = function` define methods; a property holding an arrow function is a
 * `function` (it has no `this` of its own, unlike an object-literal method); otherwise the captured kind.
 */
export function jsKind(captured: SymbolKind, parentKind: SymbolKind | null, definition: Node): SymbolKind {
  if (definition.type === 'assignment_expression') {
    const object = definition.childForFieldName('left')?.childForFieldName('object')?.text ?? '';
    return object.endsWith('.prototype') || object === 'this' ? 'method' : 'function';
  }
  if (definition.type === 'pair' && unwrappedValue(definition)?.type === 'arrow_function') return 'function';
  return captured === 'function' && parentKind === 'class' ? 'method' : captured;
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

/** Hooks shared by JavaScript and TypeScript. */
export const JS_HOOKS = {
  isSymbol: isJsSymbol,
  anonymousName: jsAnonymousName,
  docstring: jsDocstring,
  qualifier: jsQualifier,
  kind: jsKind,
};

/** JavaScript (`.js .jsx .mjs .cjs`). */
export const javascriptLanguage = {
  name: 'javascript',
  grammar: 'tree-sitter-javascript.wasm',
  extensions: ['.js', '.jsx', '.mjs', '.cjs'],
  queries: {
    symbols: `${JS_SYMBOLS}${JS_FIELD_SYMBOLS}`,
    imports: JS_IMPORTS,
    calls: JS_CALLS,
    inheritance: JS_INHERITANCE,
    localTypes: `${JS_LOCAL_TYPES}${JS_FIELD_TYPES}`,
  },
  hooks: JS_HOOKS,
} satisfies LanguageSpec;
