import type { Node } from 'web-tree-sitter';
import type { HookContext, LanguageSpec } from '../language-spec.js';
import { docCommentBefore } from './c-doc-comments.js';
import { nameLineSignature } from './java-name-line-signature.js';

const SYMBOLS = `
(namespace_declaration name: (_) @name) @definition.namespace
(class_declaration name: (identifier) @name) @definition.class
(record_declaration name: (identifier) @name) @definition.class
(interface_declaration name: (identifier) @name) @definition.interface
(struct_declaration name: (identifier) @name) @definition.struct
(enum_declaration name: (identifier) @name) @definition.enum
(delegate_declaration name: (identifier) @name) @definition.type
(method_declaration name: (identifier) @name) @definition.method
(constructor_declaration name: (identifier) @name) @definition.method
(destructor_declaration name: (identifier)) @definition.method
(operator_declaration) @definition.method
(local_function_statement name: (identifier) @name) @definition.function
(variable_declarator (identifier) @name (equals_value_clause (lambda_expression) @fingerprint)) @definition.function
`;

// `using N;` brings every type of N into scope, so it is a wildcard import; `using A = N.T;` binds one alias.
const IMPORTS = `
(using_directive . [(identifier) (qualified_name)] @import.module) @import @import.wildcard
(using_directive (name_equals (identifier) @import.module_alias) [(identifier) (qualified_name) (generic_name)] @import.module)
  @import
`;

const NAME = `[(identifier) @call.callee (generic_name . (identifier) @call.callee)]`;
const CALLS = `
(invocation_expression function: ${NAME}) @call
(invocation_expression function: (member_access_expression expression: (_) @call.receiver name: ${NAME})) @call
(object_creation_expression type: ${NAME}) @call @call.constructor
(object_creation_expression type: (qualified_name . (_) @call.receiver . ${NAME} .)) @call @call.constructor
`;

// C# cannot tell a base class from an interface by syntax; the `IName` convention decides for classes
// (`IShape`, `System.IDisposable`, `IEquatable<T>`).
const INTERFACE_NAME = '^([A-Za-z0-9_.]*[.])?I[A-Z][A-Za-z0-9_]*(<|$)';
const INHERITANCE = `
(class_declaration
  bases: (base_list (_) @inherit.implements (#match? @inherit.implements "${INTERFACE_NAME}"))) @inherit.owner
(class_declaration
  bases: (base_list (_) @inherit.extends (#not-match? @inherit.extends "${INTERFACE_NAME}"))) @inherit.owner
(record_declaration bases: (base_list (_) @inherit.implements)) @inherit.owner
(struct_declaration bases: (base_list (_) @inherit.implements)) @inherit.owner
(interface_declaration bases: (base_list (_) @inherit.extends)) @inherit.owner
`;

// `var x = new T()`, explicitly typed locals and typed parameters.
const LOCAL_TYPES = `
(local_declaration_statement
  (variable_declaration
    type: (implicit_type)
    (variable_declarator
      (identifier) @local.variable
      (equals_value_clause (object_creation_expression type: (_) @local.type)))))
(local_declaration_statement
  (variable_declaration
    type: [(identifier) (generic_name) (qualified_name)] @local.type
    (variable_declarator . (identifier) @local.variable)))
(parameter type: [(identifier) (generic_name) (qualified_name)] @local.type name: (identifier) @local.variable)
`;

const DOC_STYLE = { linePrefixes: ['///'], blockOpeners: ['/**'] };

/** `///` XML documentation with the `<summary>` wrapper removed. */
function csharpDocstring(definition: Node): string | null {
  const doc = docCommentBefore(definition, DOC_STYLE);
  if (doc == null) return null;
  const text = doc.replace(/<\/?summary>/g, '').trim();
  return text === '' ? null : text;
}

/** A finalizer is named `~Type` (apart from the constructor `Type`), an operator `operator+`. */
function csharpAnonymousName(definition: Node): string | null {
  if (definition.type === 'operator_declaration') {
    const children = definition.children;
    const keyword = children.findIndex((child) => child?.type === 'operator');
    const symbol = keyword < 0 ? null : children[keyword + 1]?.text;
    return symbol == null ? null : `operator${symbol}`;
  }
  const name = definition.childForFieldName('name')?.text;
  return definition.type === 'destructor_declaration' && name != null ? `~${name}` : null;
}

/**
 * C# (`.cs`): namespaces (dotted names), classes, records, interfaces, structs, enums, delegates (`type`),
 * methods, constructors, finalizers and operators; `using` directives, calls, `new`, bases and local variable types;
 * `///` XML docs without the `<summary>` tags.
 */
export const csharpLanguage = {
  name: 'c_sharp',
  grammar: 'tree-sitter-c_sharp.wasm',
  extensions: ['.cs'],
  queries: { symbols: SYMBOLS, imports: IMPORTS, calls: CALLS, inheritance: INHERITANCE, localTypes: LOCAL_TYPES },
  hooks: {
    anonymousName: csharpAnonymousName,
    isRelativeImport: () => false,
    signature: (definition: Node, ctx: HookContext) => nameLineSignature(definition, ctx),
    docstring: csharpDocstring,
  },
} satisfies LanguageSpec;
