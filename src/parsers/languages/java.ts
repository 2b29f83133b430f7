import type { Node } from 'web-tree-sitter';
import type { HookContext, LanguageSpec } from '../language-spec.js';
import type { ImportRef } from '../parsed-file.js';
import { docCommentBefore } from './c-doc-comments.js';
import { nameLineSignature } from './java-name-line-signature.js';

const SYMBOLS = `
(class_declaration name: (identifier) @name) @definition.class
(record_declaration name: (identifier) @name) @definition.class
(interface_declaration name: (identifier) @name) @definition.interface
(annotation_type_declaration name: (identifier) @name) @definition.interface
(enum_declaration name: (identifier) @name) @definition.enum
(method_declaration name: (identifier) @name) @definition.method
(constructor_declaration name: (identifier) @name) @definition.method
(compact_constructor_declaration name: (identifier) @name) @definition.method
(variable_declarator name: (identifier) @name value: (lambda_expression) @fingerprint) @definition.function
`;

const IMPORTS = `
(import_declaration . [(scoped_identifier) (identifier)] @import.module) @import
(import_declaration (asterisk) @import.wildcard) @import
`;

const CREATED_TYPE = `[
  (type_identifier) @call.callee
  (generic_type . (type_identifier) @call.callee)
  (scoped_type_identifier . (_) @call.receiver (type_identifier) @call.callee .)
  (generic_type . (scoped_type_identifier . (_) @call.receiver (type_identifier) @call.callee .))
]`;

const CALLS = `
(method_invocation object: (_) @call.receiver name: (identifier) @call.callee) @call
(method_invocation !object name: (identifier) @call.callee) @call
(object_creation_expression type: ${CREATED_TYPE}) @call @call.constructor
`;

const INHERITANCE = `
(class_declaration superclass: (superclass (_) @inherit.extends)) @inherit.owner
(class_declaration interfaces: (super_interfaces (type_list (_) @inherit.implements))) @inherit.owner
(record_declaration interfaces: (super_interfaces (type_list (_) @inherit.implements))) @inherit.owner
(enum_declaration interfaces: (super_interfaces (type_list (_) @inherit.implements))) @inherit.owner
(interface_declaration (extends_interfaces (type_list (_) @inherit.extends))) @inherit.owner
`;

// `var x = new T()` and typed parameters (`Shape other`), so that `other.area()` resolves through the type.
const LOCAL_TYPES = `
(local_variable_declaration
  declarator: (variable_declarator
    name: (identifier) @local.variable
    value: (object_creation_expression
      type: [
        (type_identifier) @local.type
        (scoped_type_identifier) @local.type
        (generic_type . [(type_identifier) (scoped_type_identifier)] @local.type)
      ])))
(formal_parameter
  type: [
    (type_identifier) @local.type
    (scoped_type_identifier) @local.type
    (generic_type . [(type_identifier) (scoped_type_identifier)] @local.type)
  ]
  name: (identifier) @local.variable)
`;

const DOC_STYLE = { linePrefixes: [], blockOpeners: ['/**'], commentTypes: ['block_comment', 'line_comment'] };

/** `import static a.B.c;` imports member `c` of class `a.B`; other imports keep the whole path as the module. */
function finishJavaImport(ref: ImportRef, node: Node): ImportRef {
  const isStatic = node.children.some((child) => child?.type === 'static');
  const dot = ref.module.lastIndexOf('.');
  if (!isStatic || ref.isWildcard || dot < 0) return ref;
  return { ...ref, module: ref.module.slice(0, dot), names: [{ name: ref.module.slice(dot + 1), alias: null }] };
}

/**
 * Java (`.java`): classes, records, interfaces, annotation types, enums, methods and constructors (both
 * `method`, qualified by their type); Javadoc `/** … *\/` as docstrings.
 */
export const javaLanguage = {
  name: 'java',
  grammar: 'tree-sitter-java.wasm',
  extensions: ['.java'],
  queries: { symbols: SYMBOLS, imports: IMPORTS, calls: CALLS, inheritance: INHERITANCE, localTypes: LOCAL_TYPES },
  // Anonymous class bodies (`new T() {…}`, enum constants with bodies) have no stable name: no symbols inside.
  hooks: {
    isRelativeImport: () => false,
    finishImport: finishJavaImport,
    signature: (definition: Node, ctx: HookContext) => nameLineSignature(definition, ctx),
    docstring: (definition: Node) => docCommentBefore(definition, DOC_STYLE),
  },
} satisfies LanguageSpec;
