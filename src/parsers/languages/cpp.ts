import type { Node } from 'web-tree-sitter';
import type { LanguageSpec } from '../language-spec.js';
import type { SymbolKind } from '../parsed-file.js';
import { docCommentBefore } from './c-doc-comments.js';
import { C_DOC_STYLE, C_IMPORTS, cSignature, declaratorName, finishInclude } from './c.js';

// Functions, member declarations and namespaces are matched without `@name`: `cppAnonymousName` reads the
// declarator (an out-of-line `void A::f()` is named `A.f`, as the engine qualifies by byte containment only;
// a member that is not a function has no name and is dropped) and writes `namespace a::b` as `a.b`.
const SYMBOLS = `
(function_definition declarator: (_)) @definition.function
(field_declaration_list (field_declaration declarator: (_)) @definition.function)
(field_declaration_list (declaration declarator: (_)) @definition.function)
(class_specifier name: (type_identifier) @name body: (field_declaration_list)) @definition.class
(struct_specifier name: (type_identifier) @name body: (field_declaration_list)) @definition.struct
(union_specifier name: (type_identifier) @name body: (field_declaration_list)) @definition.struct
(enum_specifier name: (type_identifier) @name body: (enumerator_list)) @definition.enum
(namespace_definition name: (_)) @definition.namespace
(alias_declaration name: (type_identifier) @name) @definition.type
(type_definition declarator: (type_identifier) @name @definition.type) @fingerprint
(type_definition declarator: (pointer_declarator declarator: (type_identifier) @name @definition.type)) @fingerprint
(declaration declarator: (init_declarator declarator: (identifier) @name value: (lambda_expression) @fingerprint))
  @definition.function
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
const MAX_DECLARATOR_DEPTH = 32;
const NAME_TYPES = new Set(['identifier', 'field_identifier', 'destructor_name', 'operator_name', 'template_function']);

/** Whitespace collapsed and dropped next to punctuation: `operator <` → `operator<`, `operator bool` kept. */
function tidy(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/\s*([^\w\s])\s*/g, '$1')
    .trim();
}

/** `A<T>::B::f` → `A.B.f`: template arguments dropped (not from an operator's own `<`), `::` as `.`. */
function dottedName(node: Node): string {
  const last = innermostName(node);
  const scope = node.text.slice(0, last.startIndex - node.startIndex);
  return `${tidy(withoutTemplateArguments(scope)).replace(/^::/, '').replaceAll('::', '.')}${simpleName(last)}`;
}

/** `c` of `a::b::c`. */
function innermostName(node: Node): Node {
  let last = node;
  for (let depth = 0; last.type === 'qualified_identifier' && depth < MAX_DECLARATOR_DEPTH; depth++) {
    const name = last.childForFieldName('name');
    if (name == null) break;
    last = name;
  }
  return last;
}

/** A declarator's own name: `operator<`, `operator bool` (conversion), `~A`, `get` (from `get<int>`). */
function simpleName(node: Node): string {
  if (node.type === 'operator_cast') return tidy(`operator ${node.childForFieldName('type')?.text ?? ''}`);
  if (node.type === 'operator_name') return tidy(node.text);
  return tidy(withoutTemplateArguments(node.text));
}

function withoutTemplateArguments(text: string): string {
  let name = text;
  for (let i = 0; i < MAX_TEMPLATE_NESTING && name.includes('<'); i++) name = name.replace(/<[^<>]*>/g, '');
  return name;
}

/**
 * The name of the function a definition or member declaration declares, through pointer and reference
 * declarators; null for a data member (no function declarator) or a function pointer member (`int (*f)(int);`).
 * A definition's name may be parenthesised (`int (isalpha)(int c) {…}`, the macro-proof style of C headers).
 */
function functionName(definition: Node): string | null {
  let node = definition.childForFieldName('declarator');
  let parenthesisedName = false;
  for (let depth = 0; node != null && depth < MAX_DECLARATOR_DEPTH; depth++) {
    if (parenthesisedName && NAME_TYPES.has(node.type)) return simpleName(node);
    if (node.type === 'operator_cast') return simpleName(node);
    if (node.type === 'qualified_identifier') {
      return innermostName(node).type === 'operator_cast' || parenthesisedName ? dottedName(node) : null;
    }
    if (node.type === 'function_declarator') {
      const name = node.childForFieldName('declarator');
      if (name?.type === 'qualified_identifier') return dottedName(name);
      if (name?.type !== 'parenthesized_declarator' || definition.type !== 'function_definition') {
        return name != null && NAME_TYPES.has(name.type) ? simpleName(name) : null;
      }
      parenthesisedName = true;
      node = name.namedChild(0);
      continue;
    }
    node =
      node.childForFieldName('declarator') ??
      node.namedChildren.find((child) => child?.type.endsWith('declarator')) ??
      null;
  }
  return null;
}

/** A function's name from its declarator (out-of-line `A::f` becomes `A.f`); `namespace a::b` is `a.b`. */
function cppAnonymousName(definition: Node): string | null {
  if (definition.type === 'namespace_definition') {
    const name = definition.childForFieldName('name');
    return name == null ? null : tidy(name.text).replaceAll('::', '.');
  }
  return functionName(definition);
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
  hooks: {
    anonymousName: cppAnonymousName,
    kind: cppKind,
    finishImport: finishInclude,
    signature: cSignature,
    docstring: (definition: Node) => docCommentBefore(definition, DOC_STYLE),
  },
} satisfies LanguageSpec;
