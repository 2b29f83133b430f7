import type { Node } from 'web-tree-sitter';
import type { HookContext, LanguageSpec } from '../language-spec.js';
import type { ImportRef } from '../parsed-file.js';
import { docCommentBefore } from './c-doc-comments.js';
import { nameLineSignature } from './java-name-line-signature.js';
import { isCapitalisedCall } from './kotlin.js';

// The Scala language specification calls `object` a module definition, hence kind `module`.
const SYMBOLS = `
(package_clause name: (package_identifier) @name body: (template_body)) @definition.namespace
(class_definition name: (identifier) @name) @definition.class
(trait_definition name: (identifier) @name) @definition.trait
(object_definition name: (identifier) @name) @definition.module
(function_definition name: (identifier) @name) @definition.function
(function_declaration name: (identifier) @name) @definition.function
(type_definition name: (type_identifier) @name) @definition.type
`;

const IMPORTS = `
(import_declaration path: (_) @import.module) @import
(import_declaration (wildcard) @import.wildcard) @import
(import_declaration (import_selectors (identifier) @import.name)) @import
(import_declaration (import_selectors (renamed_identifier name: (_) @import.name alias: (_) @import.alias))) @import
`;

const CALLS = `
(call_expression function: (identifier) @call.callee) @call
(call_expression function: (field_expression value: (_) @call.receiver field: (identifier) @call.callee)) @call
(instance_expression (call_expression function: (identifier) @call.callee) @call) @call.constructor
`;

// `extends A with B with C`: A is the superclass (or first trait), the `with` mixins are recorded as implements.
const SIMPLE_TYPE = `[(type_identifier) (generic_type) (stable_type_identifier)]`;
const INHERITANCE = ['class_definition', 'trait_definition', 'object_definition']
  .map(
    (type) => `
(${type} extend: (extends_clause type: ${SIMPLE_TYPE} @inherit.extends)) @inherit.owner
(${type} extend: (extends_clause type: (compound_type base: (_) @inherit.extends))) @inherit.owner
(${type} extend: (extends_clause type: (compound_type extra: (_) @inherit.implements))) @inherit.owner`,
  )
  .join('\n');

const LOCAL_TYPES = ['val_definition', 'var_definition']
  .map(
    (type) => `
(${type}
  pattern: (identifier) @local.variable
  value: (instance_expression (call_expression function: [(identifier) (field_expression)] @local.type)))
(${type}
  pattern: (identifier) @local.variable
  value: (call_expression function: (identifier) @local.type (#match? @local.type "^[A-Z]")))`,
  )
  .join('\n');

/** `import a.{b => _, _}`: `_` is the wildcard and `b => _` hides `b` (not an imported name). */
function finishScalaImport(ref: ImportRef): ImportRef {
  const wildcard = ref.isWildcard || ref.names.some((n) => n.name === '_');
  return { ...ref, isWildcard: wildcard, names: ref.names.filter((n) => n.name !== '_' && n.alias !== '_') };
}

const DOC_STYLE = { linePrefixes: [], blockOpeners: ['/**'] };

/**
 * Scala (`.scala`, `.sc`; the grammar is Scala 2): braced packages (`namespace`), classes, traits, objects
 * (`module`), functions, methods and type members; imports with selectors, renames and hiding, calls (`new` and
 * capitalised `apply` construct), extends and `with` mixins, local types from `val x = new Foo()` / `Foo()`;
 * Scaladoc `/** … *\/` docs.
 */
export const scalaLanguage = {
  name: 'scala',
  grammar: 'tree-sitter-scala.wasm',
  extensions: ['.scala', '.sc'],
  queries: { symbols: SYMBOLS, imports: IMPORTS, calls: CALLS, inheritance: INHERITANCE, localTypes: LOCAL_TYPES },
  methodContainers: ['class', 'trait', 'module'],
  hooks: {
    isRelativeImport: () => false,
    finishImport: finishScalaImport,
    isConstructorCall: isCapitalisedCall,
    signature: (definition: Node, ctx: HookContext) => nameLineSignature(definition, ctx),
    docstring: (definition: Node) => docCommentBefore(definition, DOC_STYLE),
  },
} satisfies LanguageSpec;
