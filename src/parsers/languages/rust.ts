import type { Node } from 'web-tree-sitter';
import type { LanguageSpec } from '../language-spec.js';
import type { SymbolKind } from '../parsed-file.js';
import { docCommentBefore } from './c-doc-comments.js';
import { finishRustImport } from './rust-use-tree.js';

// `function_item` and `type_item` are matched without `@name`: `rustAnonymousName` names an impl method
// `Type.method` (and an associated type `Type.Item`), because the engine qualifies by byte containment and an
// impl block is not a symbol.
const SYMBOLS = `
(function_item name: (identifier)) @definition.function
(function_signature_item name: (identifier) @name) @definition.function
(struct_item name: (type_identifier) @name) @definition.struct
(union_item name: (type_identifier) @name) @definition.struct
(enum_item name: (type_identifier) @name) @definition.enum
(trait_item name: (type_identifier) @name) @definition.trait
(type_item name: (type_identifier)) @definition.type
(mod_item name: (identifier) @name body: (declaration_list)) @definition.module
(let_declaration pattern: (identifier) @name value: (closure_expression) @fingerprint) @definition.function
`;

// `use` lists are flattened by `finishRustImport`; `mod x;` (a file module) and `extern crate x` count as imports.
const IMPORTS = `
(use_declaration argument: (identifier) @import.module) @import
(use_declaration argument: (scoped_identifier path: (_) @import.module name: (_) @import.name)) @import
(use_declaration
  argument: (use_as_clause
    path: (scoped_identifier path: (_) @import.module name: (_) @import.name) alias: (_) @import.alias)) @import
(use_declaration argument: (use_as_clause path: (identifier) @import.module alias: (_) @import.module_alias)) @import
(use_declaration argument: (use_wildcard . (_) @import.module) @import.wildcard) @import
(use_declaration argument: (scoped_use_list path: (_) @import.module)) @import
(use_declaration argument: (use_list)) @import
(extern_crate_declaration name: (identifier) @import.module) @import
(extern_crate_declaration alias: (identifier) @import.module_alias) @import
(mod_item name: (identifier) @import.module !body) @import
`;

const CALLS = `
(call_expression function: (identifier) @call.callee) @call
(call_expression function: (field_expression value: (_) @call.receiver field: (field_identifier) @call.callee)) @call
(call_expression function: (scoped_identifier path: (_) @call.receiver name: (identifier) @call.callee)) @call
(struct_expression name: (type_identifier) @call.callee) @call @call.constructor
(struct_expression name: (scoped_type_identifier path: (_) @call.receiver name: (_) @call.callee)) @call @call.constructor
`;

// `impl Trait for Type` needs the type's own definition as owner (the owner must be a symbol), so it is matched
// against a struct, enum or union at most MAX_IMPL_GAP siblings before it: a sibling pattern with a free gap
// would be quadratic (every type against every later impl), and tree-sitter drops matches past its state limit.
const MAX_IMPL_GAP = 8;
const IMPL_TYPE = `[(type_identifier) @_impl_type (generic_type type: (type_identifier) @_impl_type)]`;
const OWNER = `[(struct_item name: (_) @_type_name) (enum_item name: (_) @_type_name) (union_item name: (_) @_type_name)]`;
const IMPL_FOR = `(impl_item trait: (_) @inherit.implements type: ${IMPL_TYPE})`;
const IMPLS = Array.from({ length: MAX_IMPL_GAP + 1 }, (_, gap) => {
  const between = '. (_) '.repeat(gap);
  return `(${OWNER} @inherit.owner ${between}. ${IMPL_FOR} (#eq? @_type_name @_impl_type))`;
}).join('\n');
const INHERITANCE = `
(trait_item bounds: (trait_bounds [(type_identifier) (scoped_type_identifier) (generic_type)] @inherit.extends))
  @inherit.owner
${IMPLS}
`;

const LOCAL_TYPES = `
(let_declaration
  pattern: (identifier) @local.variable
  !type
  value: (call_expression
    function: (scoped_identifier path: [(identifier) (scoped_identifier)] @local.type)
    (#match? @local.type "(^|::)[A-Z][A-Za-z0-9_]*$")))
(let_declaration
  pattern: (identifier) @local.variable
  !type
  value: (struct_expression name: [(type_identifier) (scoped_type_identifier)] @local.type))
(let_declaration
  pattern: (identifier) @local.variable
  type: [(type_identifier) (scoped_type_identifier) (generic_type)] @local.type)
`;

const DOC_STYLE = {
  linePrefixes: ['///'],
  blockOpeners: ['/**'],
  commentTypes: ['line_comment', 'block_comment'],
  skip: ['attribute_item'],
};

/** The impl block a function belongs to, if it is directly in one. */
function enclosingImpl(definition: Node): Node | null {
  const block = definition.parent;
  return block?.type === 'declaration_list' && block.parent?.type === 'impl_item' ? block.parent : null;
}

/** `impl<T> Trait for &mut a::Wrapper<T>` → `Wrapper`: the implementing type's last path segment. */
function implTypeName(impl: Node): string | null {
  const text = impl.childForFieldName('type')?.text ?? '';
  const path = /^[&\s]*(?:mut\s+|dyn\s+)*([\w:]+)/.exec(text)?.[1];
  return path?.split('::').at(-1) ?? null;
}

/** A function or type directly in `impl Type` is named `Type.name`; any other keeps its own name. */
function rustAnonymousName(definition: Node): string | null {
  const name = definition.childForFieldName('name')?.text ?? null;
  const impl = enclosingImpl(definition);
  const typeName = impl == null ? null : implTypeName(impl);
  return name == null || typeName == null ? name : `${typeName}.${name}`;
}

/** Functions in a trait or an impl block are methods. */
function rustKind(captured: SymbolKind, parentKind: SymbolKind | null, definition: Node): SymbolKind {
  if (captured !== 'function') return captured;
  return parentKind === 'trait' || enclosingImpl(definition) != null ? 'method' : captured;
}

/**
 * Rust (`.rs`): functions, impl methods (`Type.method`), trait methods, structs, unions, enums, traits, type
 * aliases and inline modules; `use` trees (paths starting with `self`, `super` or `crate` are relative),
 * calls, struct literals as constructions, supertraits and `impl Trait for Type` of a type defined in the same
 * scope; `///` docs.
 */
export const rustLanguage = {
  name: 'rust',
  grammar: 'tree-sitter-rust.wasm',
  extensions: ['.rs'],
  queries: { symbols: SYMBOLS, imports: IMPORTS, calls: CALLS, inheritance: INHERITANCE, localTypes: LOCAL_TYPES },
  hooks: {
    anonymousName: rustAnonymousName,
    kind: rustKind,
    finishImport: finishRustImport,
    isConstructorCall: (callee: string) => callee === 'new' || /^[A-Z]/.test(callee),
    docstring: (definition: Node) => docCommentBefore(definition, DOC_STYLE),
  },
} satisfies LanguageSpec;
