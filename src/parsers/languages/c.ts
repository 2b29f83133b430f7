import type { Node } from 'web-tree-sitter';
import type { HookContext, LanguageSpec } from '../language-spec.js';
import type { ImportRef } from '../parsed-file.js';
import { docCommentBefore, type DocCommentStyle } from './c-doc-comments.js';

// A typedef's symbol is its declared name node (not the whole `type_definition`), so that a struct defined
// inside the typedef is not nested under it; `@fingerprint` keeps the whole typedef's shape.
const SYMBOLS = `
(function_definition declarator: (_)) @definition.function
(struct_specifier name: (type_identifier) @name body: (field_declaration_list)) @definition.struct
(union_specifier name: (type_identifier) @name body: (field_declaration_list)) @definition.struct
(enum_specifier name: (type_identifier) @name body: (enumerator_list)) @definition.enum
(type_definition declarator: (type_identifier) @name @definition.type) @fingerprint
(type_definition declarator: (pointer_declarator declarator: (type_identifier) @name @definition.type)) @fingerprint
(type_definition
  declarator: (function_declarator
    declarator: (parenthesized_declarator (pointer_declarator declarator: (type_identifier) @name @definition.type))))
  @fingerprint
`;

/** `#include "x.h"` (relative) and `#include <x.h>`; shared with C++. */
export const C_IMPORTS = `
(preproc_include path: [(string_literal) (system_lib_string)] @import.module) @import
`;

const CALLS = `
(call_expression function: (identifier) @call.callee) @call
(call_expression function: (field_expression argument: (_) @call.receiver field: (field_identifier) @call.callee)) @call
`;

/** Doc comments of the C family: `/** … *\/` and `/*! … *\/` blocks, or `///`, `//!` and `//` lines. */
export const C_DOC_STYLE: DocCommentStyle = {
  linePrefixes: ['///', '//!', '//'],
  blockOpeners: ['/**', '/*!'],
  enclosing: ['type_definition', 'pointer_declarator', 'function_declarator', 'parenthesized_declarator'],
};

const NAME_TYPES = new Set([
  'identifier',
  'field_identifier',
  'qualified_identifier',
  'destructor_name',
  'operator_name',
]);
const MAX_DECLARATOR_DEPTH = 32;

/** The name node of a function definition, found through pointer, reference and parenthesised declarators. */
export function declaratorName(definition: Node): Node | null {
  let node = definition.childForFieldName('declarator');
  for (let depth = 0; node != null && depth < MAX_DECLARATOR_DEPTH; depth++) {
    if (NAME_TYPES.has(node.type)) return node;
    node =
      node.childForFieldName('declarator') ??
      node.namedChildren.find((child) => child?.type.endsWith('declarator')) ??
      null;
  }
  return null;
}

/** `#include <x>` drops its brackets; only the quoted form is relative to the including file. */
export function finishInclude(ref: ImportRef, node: Node): ImportRef {
  const path = node.childForFieldName('path');
  return {
    ...ref,
    module: ref.module.replace(/^<(.*)>$/s, '$1'),
    isRelative: path?.type === 'string_literal',
  };
}

/** A typedef's signature is the typedef's first line; anything else uses the definition's first line. */
export function cSignature(definition: Node, ctx: HookContext): string {
  let start = definition;
  for (let up = definition.parent; up != null && C_DOC_STYLE.enclosing?.includes(up.type) === true; up = up.parent) {
    start = up;
  }
  return (ctx.lines[start.startPosition.row] ?? '').slice(start.startPosition.column).trim();
}

/**
 * C (`.c`): function definitions, named structs, unions (`struct`) and enums with bodies, typedef names
 * (`type`; prototypes are not symbols); `#include`, calls and doc comments. `.h` headers are parsed as C++ (see
 * `cpp.ts`), the grammar that accepts both.
 */
export const cLanguage = {
  name: 'c',
  grammar: 'tree-sitter-c.wasm',
  extensions: ['.c'],
  queries: { symbols: SYMBOLS, imports: C_IMPORTS, calls: CALLS },
  hooks: {
    anonymousName: (definition: Node) => declaratorName(definition)?.text ?? null,
    finishImport: finishInclude,
    signature: cSignature,
    docstring: (definition: Node) => docCommentBefore(definition, C_DOC_STYLE),
  },
} satisfies LanguageSpec;
