import type { Node } from 'web-tree-sitter';
import type { HookContext, LanguageSpec } from '../language-spec.js';
import type { ImportRef, SymbolKind } from '../parsed-file.js';
import { docCommentBefore } from './c-doc-comments.js';
import { nameLineSignature } from './java-name-line-signature.js';
import { isCapitalisedCall } from './kotlin.js';

// Functions are matched without `@name`: `swiftAnonymousName` reads the token after `func` (operators included)
// and names a function in `extension T` as `T.f`, since an extension is not a symbol. Extensions have a
// `user_type` name, so the class pattern leaves them out.
const SYMBOLS = `
(class_declaration name: (type_identifier) @name) @definition.class
(protocol_declaration name: (type_identifier) @name) @definition.interface
(function_declaration) @definition.function
(protocol_function_declaration) @definition.method
(init_declaration) @definition.method
(deinit_declaration) @definition.method
(typealias_declaration name: (type_identifier) @name) @definition.type
(property_declaration name: (pattern bound_identifier: (simple_identifier) @name) value: (lambda_literal) @fingerprint)
  @definition.function
`;

const IMPORTS = `
(import_declaration (identifier) @import.module) @import
`;

const CALLS = `
(call_expression . (simple_identifier) @call.callee) @call
(call_expression
  . (navigation_expression target: (_) @call.receiver suffix: (navigation_suffix suffix: (simple_identifier) @call.callee)))
  @call
`;

// An extension's conformances need the type's own definition as owner (the owner must be a symbol): the type is
// looked for at most MAX_EXTENSION_GAP siblings before the extension, because a free gap would be quadratic.
const MAX_EXTENSION_GAP = 8;
const EXTENSION = `(class_declaration
    "extension"
    name: (user_type (type_identifier) @_extended)
    (inheritance_specifier inherits_from: (_) @inherit.implements))`;
const EXTENSIONS = Array.from({ length: MAX_EXTENSION_GAP + 1 }, (_, gap) => {
  const between = '. (_) '.repeat(gap);
  return `((class_declaration name: (type_identifier) @_type_name) @inherit.owner ${between}. ${EXTENSION}
  (#eq? @_type_name @_extended))`;
}).join('\n');

// Swift puts the superclass first but cannot tell it from a protocol by syntax: the first supertype of a class
// counts as `extends`, the others (and every supertype of a struct or enum) as `implements`.
const INHERITANCE = `
(class_declaration "class" name: (type_identifier) . (inheritance_specifier inherits_from: (_) @inherit.extends))
  @inherit.owner
(class_declaration
  "class"
  name: (type_identifier)
  .
  (type_parameters)
  .
  (inheritance_specifier inherits_from: (_) @inherit.extends)) @inherit.owner
(class_declaration "class" (inheritance_specifier) (inheritance_specifier inherits_from: (_) @inherit.implements))
  @inherit.owner
(class_declaration ["struct" "enum"] (inheritance_specifier inherits_from: (_) @inherit.implements)) @inherit.owner
(protocol_declaration (inheritance_specifier inherits_from: (_) @inherit.extends)) @inherit.owner
${EXTENSIONS}
`;

const LOCAL_TYPES = `
(property_declaration
  name: (pattern bound_identifier: (simple_identifier) @local.variable)
  value: (call_expression . (simple_identifier) @local.type (#match? @local.type "^[A-Z]")))
`;

const DOC_STYLE = { linePrefixes: ['///'], blockOpeners: ['/**'], commentTypes: ['comment', 'multiline_comment'] };
const KEYWORD_KINDS: Partial<Record<string, SymbolKind>> = { struct: 'struct', enum: 'enum' };

const IMPORT_KINDS = new Set(['typealias', 'struct', 'class', 'enum', 'protocol', 'let', 'var', 'func']);

/** `import M` makes every public name of M visible (a wildcard); `import struct M.T` imports one declaration. */
function finishSwiftImport(ref: ImportRef, node: Node): ImportRef {
  return { ...ref, isWildcard: !node.children.some((child) => child != null && IMPORT_KINDS.has(child.type)) };
}

/** The extended type when `definition` sits directly in an `extension T { … }` body. */
function extendedType(definition: Node): string | null {
  const body = definition.parent;
  const declaration = body?.type === 'class_body' ? body.parent : null;
  if (declaration == null || !declaration.children.some((child) => child?.type === 'extension')) return null;
  return declaration.childForFieldName('name')?.text.replace(/<.*$/s, '') ?? null;
}

/** `func` names (the token after `func`), `init`/`deinit`, each prefixed `T.` inside `extension T`. */
function swiftAnonymousName(definition: Node): string | null {
  let name: string | null = null;
  if (definition.type === 'init_declaration') name = 'init';
  else if (definition.type === 'deinit_declaration') name = 'deinit';
  else {
    const children = definition.children;
    const func = children.findIndex((child) => child?.type === 'func');
    name = func < 0 ? null : (children[func + 1]?.text ?? null);
  }
  if (name == null) return null;
  const owner = extendedType(definition);
  return owner == null ? name : `${owner}.${name}`;
}

/** `struct`/`enum` declarations by keyword; functions in a type or an extension are methods. */
function swiftKind(captured: SymbolKind, parentKind: SymbolKind | null, definition: Node): SymbolKind {
  if (definition.type === 'class_declaration') {
    const keyword = definition.children.find((child) => child != null && KEYWORD_KINDS[child.type] != null);
    return keyword == null ? captured : (KEYWORD_KINDS[keyword.type] ?? captured);
  }
  if (captured !== 'function') return captured;
  const inType = parentKind != null && ['class', 'struct', 'enum', 'interface'].includes(parentKind);
  return inType || extendedType(definition) != null ? 'method' : captured;
}

/**
 * Swift (`.swift`): classes, actors, structs, enums, protocols (`interface`), functions, methods (functions in
 * `extension T` as `T.f`), `init`/`deinit` and type aliases; imports (a module import is a wildcard), calls (capitalised callees construct),
 * supertypes (extension conformances of a type defined up to 8 declarations earlier too), local types; `///` docs.
 */
export const swiftLanguage = {
  name: 'swift',
  grammar: 'tree-sitter-swift.wasm',
  extensions: ['.swift'],
  queries: { symbols: SYMBOLS, imports: IMPORTS, calls: CALLS, inheritance: INHERITANCE, localTypes: LOCAL_TYPES },
  hooks: {
    anonymousName: swiftAnonymousName,
    kind: swiftKind,
    isRelativeImport: () => false,
    finishImport: finishSwiftImport,
    isConstructorCall: isCapitalisedCall,
    signature: (definition: Node, ctx: HookContext) => nameLineSignature(definition, ctx),
    docstring: (definition: Node) => docCommentBefore(definition, DOC_STYLE),
  },
} satisfies LanguageSpec;
