import type { LanguageSpec } from '../language-spec.js';
import { JS_CALLS, JS_HOOKS, JS_IMPORTS, JS_LOCAL_TYPES, JS_SYMBOLS, wrappedFunctionSymbols } from './javascript.js';

const TS_SYMBOLS = `${JS_SYMBOLS}
(abstract_class_declaration name: (_) @name) @definition.class
(interface_declaration name: (_) @name) @definition.interface
(type_alias_declaration name: (_) @name) @definition.type
(enum_declaration name: (_) @name) @definition.enum
(internal_module name: (_) @name) @definition.namespace
(public_field_definition
  name: [(property_identifier) (private_property_identifier)] @name
  value: [(arrow_function) (function_expression) (generator_function)] @fingerprint) @definition.method
(public_field_definition
  name: [(property_identifier) (private_property_identifier)] @name
  value: (class) @fingerprint) @definition.class
${wrappedFunctionSymbols('[(as_expression) (satisfies_expression)]')}`;

const TS_IMPORTS = `${JS_IMPORTS}
(import_statement (import_require_clause (identifier) @import.module_alias source: (string) @import.module)) @import
`;

const TS_INHERITANCE = `
(class_declaration (class_heritage (extends_clause value: (_) @inherit.extends))) @inherit.owner
(class_declaration (class_heritage (implements_clause (_) @inherit.implements))) @inherit.owner
(abstract_class_declaration (class_heritage (extends_clause value: (_) @inherit.extends))) @inherit.owner
(abstract_class_declaration (class_heritage (implements_clause (_) @inherit.implements))) @inherit.owner
(interface_declaration (extends_type_clause type: (_) @inherit.extends)) @inherit.owner
`;

const TYPE = '[(type_identifier) (generic_type) (nested_type_identifier) (union_type)]';

// Annotated locals and parameters, typed fields and constructor parameter properties, and return annotations.
const TS_LOCAL_TYPES = `${JS_LOCAL_TYPES}
(variable_declarator name: (identifier) @local.variable type: (type_annotation ${TYPE} @local.type))
(variable_declarator name: (identifier) @local.variable value: (non_null_expression) @local.value)
(required_parameter pattern: (identifier) @local.variable type: (type_annotation ${TYPE} @local.type))
(optional_parameter pattern: (identifier) @local.variable type: (type_annotation ${TYPE} @local.type))
(public_field_definition
  name: [(property_identifier) (private_property_identifier)] @attribute.name
  type: (type_annotation ${TYPE} @attribute.type))
(public_field_definition
  name: [(property_identifier) (private_property_identifier)] @attribute.name
  value: (new_expression constructor: (_) @attribute.new))
(public_field_definition
  name: [(property_identifier) (private_property_identifier)] @attribute.name
  value: (call_expression function: [(identifier) (member_expression)] @attribute.call))
(required_parameter (accessibility_modifier) pattern: (identifier) @attribute.name type: (type_annotation ${TYPE} @attribute.type))
(optional_parameter (accessibility_modifier) pattern: (identifier) @attribute.name type: (type_annotation ${TYPE} @attribute.type))
(required_parameter "readonly" pattern: (identifier) @attribute.name type: (type_annotation ${TYPE} @attribute.type))
(function_declaration return_type: (type_annotation ${TYPE} @return.type)) @return.owner
(method_definition return_type: (type_annotation ${TYPE} @return.type)) @return.owner
(variable_declarator value: (arrow_function return_type: (type_annotation ${TYPE} @return.type))) @return.owner
(pair value: (arrow_function return_type: (type_annotation ${TYPE} @return.type))) @return.owner
(public_field_definition value: (arrow_function return_type: (type_annotation ${TYPE} @return.type))) @return.owner
`;

const TS_QUERIES = {
  symbols: TS_SYMBOLS,
  imports: TS_IMPORTS,
  calls: JS_CALLS,
  inheritance: TS_INHERITANCE,
  localTypes: TS_LOCAL_TYPES,
};

/** TypeScript (`.ts .mts .cts`), the original's symbols plus interfaces, types, enums, namespaces, abstract classes. */
export const typescriptLanguage = {
  name: 'typescript',
  grammar: 'tree-sitter-typescript.wasm',
  extensions: ['.ts', '.mts', '.cts'],
  queries: TS_QUERIES,
  hooks: JS_HOOKS,
} satisfies LanguageSpec;

/** TSX (`.tsx`): TypeScript with JSX, parsed by the tsx grammar. */
export const tsxLanguage = {
  name: 'tsx',
  grammar: 'tree-sitter-tsx.wasm',
  extensions: ['.tsx'],
  queries: TS_QUERIES,
  hooks: JS_HOOKS,
} satisfies LanguageSpec;
