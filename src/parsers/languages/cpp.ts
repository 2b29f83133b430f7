import type { Node } from 'web-tree-sitter';
import type { LanguageSpec } from '../language-spec.js';
import type { SymbolKind } from '../parsed-file.js';
import { docCommentBefore } from './c-doc-comments.js';
import { C_DOC_STYLE, C_IMPORTS, cSignature, declaratorName, finishInclude } from './c.js';

// Function definitions and namespaces are matched without `@name`: `cppAnonymousName` reads the declarator, so
// that an out-of-line `void A::f()` is named `A.f` (the engine qualifies by byte containment only), and writes
// `namespace a::b` as `a.b`.
const SYMBOLS = `
(function_definition declarator: (_)) @definition.function
(field_declaration_list
  (field_declaration
    declarator: (function_declarator declarator: [(field_identifier) (operator_name) (destructor_name)] @name))
    @definition.function)
(field_declaration_list
  (declaration declarator: (function_declarator declarator: [(identifier) (destructor_name)] @name))
    @definition.function)
(class_specifier name: (type_identifier) @name body: (field_declaration_list)) @definition.class
(struct_specifier name: (type_identifier) @name body: (field_declaration_list)) @definition.struct
(union_specifier name: (type_identifier) @name body: (field_declaration_list)) @definition.struct
(enum_specifier name: (type_identifier) @name body: (enumerator_list)) @definition.enum
(namespace_definition name: (_)) @definition.namespace
(alias_declaration name: (type_identifier) @name) @definition.type
(type_definition declarator: (type_identifier) @name @definition.type) @fingerprint
(type_definition declarator: (pointer_declarator declarator: (type_identifier) @name @definition.type)) @fingerprint
`;

const NAME = `[(identifier) @call.callee (template_function name: (identifier) @call.callee)]`;
const TYPE = `[(type_identifier) @call.callee (template_type name: (type_identifier) @call.callee)]`;
const MAX_QUALIFIERS = 3;

/** `a::b::c` nested `depth` levels deep: the innermost scope is the receiver, the innermost name the callee. */
function qualified(leaf: string, depth: number): string {
  let pattern = `(qualified_identifier scope: (_) @call.receiver name: ${leaf})`;
  for (let level = 1; level < depth; level++) pattern = `(qualified_identifier name: ${pattern})`;
  return pattern;
}

const QUALIFIED_CALLS = Array.from({ length: MAX_QUALIFIERS }, (_, i) =>
  [
    `(call_expression function: ${qualified(NAME, i + 1)}) @call`,
    `(new_expression type: ${qualified(TYPE, i + 1)}) @call @call.constructor`,
  ].join('\n'),
).join('\n');

const CALLS = `
(call_expression function: ${NAME}) @call
(call_expression
  function: (field_expression
    argument: (_) @call.receiver
    field: [(field_identifier) @call.callee (template_method name: (field_identifier) @call.callee)])) @call
(new_expression type: ${TYPE}) @call @call.constructor
${QUALIFIED_CALLS}
`;

const BASES = `(base_class_clause [(type_identifier) (qualified_identifier) (template_type)] @inherit.extends)`;
const INHERITANCE = `
(class_specifier ${BASES}) @inherit.owner
(struct_specifier ${BASES}) @inherit.owner
`;

const DECLARED = `[(type_identifier) (qualified_identifier) (template_type)] @local.type`;
const LOCAL_TYPES = `
(declaration type: ${DECLARED} declarator: (identifier) @local.variable)
(declaration type: ${DECLARED} declarator: (init_declarator declarator: (identifier) @local.variable))
(declaration
  type: (placeholder_type_specifier)
  declarator: (init_declarator declarator: (identifier) @local.variable value: (new_expression type: (_) @local.type)))
`;

const DOC_STYLE = { ...C_DOC_STYLE, enclosing: [...(C_DOC_STYLE.enclosing ?? []), 'template_declaration'] };
const MAX_TEMPLATE_NESTING = 16;

/** `A<T>::B::f` → `A.B.f`: template arguments dropped, `::` as `.`. */
function dottedName(text: string): string {
  let name = text;
  for (let i = 0; i < MAX_TEMPLATE_NESTING && name.includes('<'); i++) name = name.replace(/<[^<>]*>/g, '');
  return name.replace(/\s+/g, '').replace(/^::/, '').replaceAll('::', '.');
}

/** A function's name from its declarator (out-of-line `A::f` becomes `A.f`); `namespace a::b` is `a.b`. */
function cppAnonymousName(definition: Node): string | null {
  if (definition.type === 'namespace_definition') {
    const text = definition.childForFieldName('name')?.text;
    return text == null ? null : dottedName(text);
  }
  const name = declaratorName(definition);
  if (name == null) return null;
  return name.type === 'qualified_identifier' ? dottedName(name.text) : name.text;
}

/** Functions in a class or struct, and out-of-line `A::f` definitions, are methods. */
function cppKind(captured: SymbolKind, parentKind: SymbolKind | null, definition: Node): SymbolKind {
  if (captured !== 'function') return captured;
  if (parentKind === 'class' || parentKind === 'struct') return 'method';
  return declaratorName(definition)?.type === 'qualified_identifier' ? 'method' : captured;
}

/**
 * C++ (`.cpp .cc .cxx .c++ .hpp .hh .hxx .h++` and `.h`, since the C++ grammar also reads C headers):
 * namespaces, classes, structs, unions, enums, aliases and typedefs, functions, methods (in-class definitions
 * and declarations, out-of-line `A::f` as `A.f`); includes, calls, `new`, base classes, local variable types.
 */
export const cppLanguage = {
  name: 'cpp',
  grammar: 'tree-sitter-cpp.wasm',
  extensions: ['.cpp', '.cc', '.cxx', '.c++', '.hpp', '.hh', '.hxx', '.h++', '.h'],
  queries: { symbols: SYMBOLS, imports: C_IMPORTS, calls: CALLS, inheritance: INHERITANCE, localTypes: LOCAL_TYPES },
  opaqueTypes: ['function_definition', 'lambda_expression'],
  hooks: {
    anonymousName: cppAnonymousName,
    kind: cppKind,
    finishImport: finishInclude,
    signature: cSignature,
    docstring: (definition: Node) => docCommentBefore(definition, DOC_STYLE),
  },
} satisfies LanguageSpec;
