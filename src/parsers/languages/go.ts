import type { Node } from 'web-tree-sitter';
import type { HookContext, LanguageSpec } from '../language-spec.js';
import type { SymbolKind } from '../parsed-file.js';
import { docCommentBefore } from './c-doc-comments.js';

// A method is matched without `@name`: `goAnonymousName` names it `Type.Method` from the receiver, because the
// engine qualifies names by byte containment only and a Go method is not inside its type.
const SYMBOLS = `
(function_declaration name: (identifier) @name) @definition.function
(method_declaration receiver: (parameter_list) name: (field_identifier)) @definition.method
(type_spec name: (type_identifier) @name) @definition.type
(type_alias name: (type_identifier) @name) @definition.type
(short_var_declaration left: (expression_list . (identifier) @name .) right: (expression_list . (func_literal) @fingerprint .))
  @definition.function
(var_spec name: (identifier) @name value: (expression_list . (func_literal) @fingerprint .)) @definition.function
`;

const IMPORTS = `
(import_spec path: (_) @import.module) @import
(import_spec name: (package_identifier) @import.module_alias) @import
(import_spec name: (blank_identifier) @import.module_alias) @import
(import_spec name: (dot) @import.module_alias @import.wildcard) @import
`;

// `T{…}` and `pkg.T{…}` composite literals are Go's constructor calls.
const CALLS = `
(call_expression function: (identifier) @call.callee) @call
(call_expression function: (selector_expression operand: (_) @call.receiver field: (field_identifier) @call.callee)) @call
(composite_literal type: (type_identifier) @call.callee) @call @call.constructor
(composite_literal type: (generic_type type: (type_identifier) @call.callee)) @call @call.constructor
(composite_literal
  type: (qualified_type package: (package_identifier) @call.receiver name: (type_identifier) @call.callee))
  @call @call.constructor
`;

// Embedded struct fields and embedded interfaces are Go's composition; they are recorded as `extends`.
const INHERITANCE = `
(type_spec
  type: (struct_type
    (field_declaration_list (field_declaration !name type: [(type_identifier) (qualified_type)] @inherit.extends))))
  @inherit.owner
(type_spec
  type: (interface_type (constraint_elem . [(type_identifier) (qualified_type)] @inherit.extends .))) @inherit.owner
`;

const LITERAL = `(composite_literal
  type: [(type_identifier) @local.type (qualified_type) @local.type (generic_type type: (_) @local.type)])`;
const LITERAL_TYPE = `[${LITERAL} (unary_expression operand: ${LITERAL})]`;
const PREDECLARED = [
  ...['bool', 'byte', 'rune', 'string', 'error', 'any', 'uintptr', 'complex64', 'complex128', 'float32', 'float64'],
  ...['int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64'],
]
  .map((name) => `"${name}"`)
  .join(' ');

// Receivers and typed parameters count as locals with a known type: Go has no `self`, so `c.Area()` inside
// `func (c *Circle)` resolves through the receiver's type.
const LOCAL_TYPES = `
(short_var_declaration
  left: (expression_list . (identifier) @local.variable .)
  right: (expression_list . ${LITERAL_TYPE} .))
(var_spec name: (identifier) @local.variable . value: (expression_list . ${LITERAL_TYPE} .))
(var_spec
  name: (identifier) @local.variable
  .
  type: [(type_identifier) (qualified_type)] @local.type
  (#not-any-of? @local.type ${PREDECLARED}))
(parameter_declaration
  name: (identifier) @local.variable
  type: [
    (type_identifier) @local.type
    (qualified_type) @local.type
    (pointer_type [(type_identifier) (qualified_type)] @local.type)
    (generic_type type: (_) @local.type)
    (pointer_type (generic_type type: (_) @local.type))
  ]
  (#not-any-of? @local.type ${PREDECLARED}))
`;

const DOC_STYLE = { linePrefixes: ['//'], blockOpeners: ['/*'], wrappers: ['type_declaration'] };

/** `func (c *Circle) Area()` is named `Circle.Area`: the receiver's type name without `*` or type arguments. */
function goAnonymousName(definition: Node): string | null {
  const method = definition.childForFieldName('name')?.text;
  if (definition.type !== 'method_declaration' || method == null) return null;
  const receiverType = definition.childForFieldName('receiver')?.namedChild(0)?.childForFieldName('type')?.text ?? '';
  const typeName = /^[*\s(]*([A-Za-z_][\w]*)/.exec(receiverType)?.[1];
  return typeName == null ? method : `${typeName}.${method}`;
}

const TYPE_KINDS: Partial<Record<string, SymbolKind>> = { struct_type: 'struct', interface_type: 'interface' };

/** A `type_spec` is a struct or an interface by its type expression, any other named type is a `type`. */
function goKind(captured: SymbolKind, _parentKind: SymbolKind | null, definition: Node): SymbolKind {
  if (definition.type !== 'type_spec') return captured;
  return TYPE_KINDS[definition.childForFieldName('type')?.type ?? ''] ?? captured;
}

/** The definition's first line; a lone `type_spec` starts at its `type` keyword (`type Shape interface {`). */
function goSignature(definition: Node, ctx: HookContext): string {
  const declaration = definition.parent;
  const start =
    declaration?.type === 'type_declaration' && declaration.startPosition.row === definition.startPosition.row
      ? declaration
      : definition;
  return (ctx.lines[start.startPosition.row] ?? '').slice(start.startPosition.column).trim();
}

/** Go (`.go`): functions, methods (`Type.Method`), structs, interfaces and named types; `//` doc comments. */
export const goLanguage = {
  name: 'go',
  grammar: 'tree-sitter-go.wasm',
  extensions: ['.go'],
  queries: { symbols: SYMBOLS, imports: IMPORTS, calls: CALLS, inheritance: INHERITANCE, localTypes: LOCAL_TYPES },
  hooks: {
    anonymousName: goAnonymousName,
    kind: goKind,
    signature: goSignature,
    docstring: (definition: Node) => docCommentBefore(definition, DOC_STYLE),
  },
} satisfies LanguageSpec;
