import type { LanguageSpec } from '../language-spec.js';
import {
  JS_CALLS,
  JS_IMPORTS,
  JS_LOCAL_TYPES,
  JS_SYMBOLS,
  isJsSymbol,
  jsAnonymousName,
  jsDocstring,
} from './javascript.js';

const TS_SYMBOLS = `${JS_SYMBOLS}
(abstract_class_declaration name: (_) @name) @definition.class
(interface_declaration name: (_) @name) @definition.interface
(type_alias_declaration name: (_) @name) @definition.type
(enum_declaration name: (_) @name) @definition.enum
(internal_module name: (_) @name) @definition.namespace
`;

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

const TS_LOCAL_TYPES = `${JS_LOCAL_TYPES}
(variable_declarator
  name: (identifier) @local.variable
  type: (type_annotation [(type_identifier) (generic_type) (nested_type_identifier)] @local.type))
`;

const TS_QUERIES = {
  symbols: TS_SYMBOLS,
  imports: TS_IMPORTS,
  calls: JS_CALLS,
  inheritance: TS_INHERITANCE,
  localTypes: TS_LOCAL_TYPES,
};

const TS_HOOKS = { isSymbol: isJsSymbol, anonymousName: jsAnonymousName, docstring: jsDocstring };

/** TypeScript (`.ts .mts .cts`), parity §4.6 plus interfaces, types, enums, namespaces, abstract classes (C41). */
export const typescriptLanguage = {
  name: 'typescript',
  grammar: 'tree-sitter-typescript.wasm',
  extensions: ['.ts', '.mts', '.cts'],
  queries: TS_QUERIES,
  hooks: TS_HOOKS,
} satisfies LanguageSpec;

/** TSX (`.tsx`): TypeScript with JSX, parsed by the tsx grammar. */
export const tsxLanguage = {
  name: 'tsx',
  grammar: 'tree-sitter-tsx.wasm',
  extensions: ['.tsx'],
  queries: TS_QUERIES,
  hooks: TS_HOOKS,
} satisfies LanguageSpec;
