import type { Node } from 'web-tree-sitter';
import type { HookContext, LanguageSpec } from '../language-spec.js';
import type { SymbolKind } from '../parsed-file.js';
import { docCommentBefore } from './c-doc-comments.js';
import { nameLineSignature } from './java-name-line-signature.js';

// The Kotlin grammar has no field names: names are the first identifier child. A secondary constructor has no
// name of its own and is named after its class by `kotlinAnonymousName`.
const SYMBOLS = `
(class_declaration (type_identifier) @name) @definition.class
(object_declaration (type_identifier) @name) @definition.class
(companion_object (type_identifier) @name) @definition.class
(function_declaration (simple_identifier) @name) @definition.function
(secondary_constructor) @definition.method
(type_alias (type_identifier) @name) @definition.type
(property_declaration (variable_declaration (simple_identifier) @name) (lambda_literal) @fingerprint) @definition.function
`;

const IMPORTS = `
(import_header (identifier) @import.module) @import
(import_header (wildcard_import) @import.wildcard) @import
(import_header (import_alias (type_identifier) @import.module_alias)) @import
`;

const CALLS = `
(call_expression . (simple_identifier) @call.callee) @call
(call_expression
  . (navigation_expression . (_) @call.receiver . (navigation_suffix (simple_identifier) @call.callee) .)) @call
`;

// A supertype with constructor arguments is the superclass; bare supertypes of a class are interfaces.
const INHERITANCE = `
(class_declaration "class" (delegation_specifier (constructor_invocation (user_type) @inherit.extends))) @inherit.owner
(class_declaration "class" (delegation_specifier (user_type) @inherit.implements)) @inherit.owner
(class_declaration "class" (delegation_specifier (explicit_delegation (user_type) @inherit.implements))) @inherit.owner
(class_declaration "interface" (delegation_specifier (user_type) @inherit.extends)) @inherit.owner
(object_declaration (delegation_specifier (constructor_invocation (user_type) @inherit.extends))) @inherit.owner
(object_declaration (delegation_specifier (user_type) @inherit.implements)) @inherit.owner
`;

const LOCAL_TYPES = `
(property_declaration
  (variable_declaration (simple_identifier) @local.variable)
  (call_expression . (simple_identifier) @local.type (#match? @local.type "^[A-Z]")))
`;

const DOC_STYLE = {
  linePrefixes: [],
  blockOpeners: ['/**'],
  commentTypes: ['multiline_comment', 'line_comment'],
  absorbing: ['import_list', 'package_header'],
};

/** A secondary constructor is named after its class. */
function kotlinAnonymousName(definition: Node): string | null {
  if (definition.type !== 'secondary_constructor') return null;
  for (let up = definition.parent; up != null; up = up.parent) {
    if (up.type === 'class_declaration') return nameNode(up)?.text ?? null;
  }
  return null;
}

function nameNode(definition: Node): Node | null {
  return (
    definition.namedChildren.find(
      (child) => child != null && (child.type === 'type_identifier' || child.type === 'simple_identifier'),
    ) ?? null
  );
}

/** `interface` and `enum class` declarations; functions in any class-like body are methods. */
function kotlinKind(captured: SymbolKind, parentKind: SymbolKind | null, definition: Node): SymbolKind {
  if (definition.type === 'class_declaration') {
    if (definition.children.some((child) => child?.type === 'interface')) return 'interface';
    if (definition.children.some((child) => child?.type === 'enum_class_body')) return 'enum';
    return captured;
  }
  const inType = parentKind === 'class' || parentKind === 'interface' || parentKind === 'enum';
  return captured === 'function' && inType ? 'method' : captured;
}

/** Capitalised callees construct objects (Kotlin has no `new`), as in Python. */
export function isCapitalisedCall(callee: string): boolean {
  const first = callee.charAt(0);
  return first !== first.toLowerCase() && callee !== callee.toUpperCase();
}

/**
 * Kotlin (`.kt`, `.kts`): classes, interfaces, enum classes, objects and companions (`class`), functions,
 * methods, secondary constructors and type aliases; imports, calls (capitalised callees construct), supertypes
 * and `val x = Foo()` local types; KDoc `/** … *\/` docs.
 */
export const kotlinLanguage = {
  name: 'kotlin',
  grammar: 'tree-sitter-kotlin.wasm',
  extensions: ['.kt', '.kts'],
  queries: { symbols: SYMBOLS, imports: IMPORTS, calls: CALLS, inheritance: INHERITANCE, localTypes: LOCAL_TYPES },
  hooks: {
    anonymousName: kotlinAnonymousName,
    kind: kotlinKind,
    isRelativeImport: () => false,
    isConstructorCall: isCapitalisedCall,
    signature: (definition: Node, ctx: HookContext) => nameLineSignature(definition, ctx, nameNode(definition)),
    docstring: (definition: Node) => docCommentBefore(definition, DOC_STYLE),
  },
} satisfies LanguageSpec;
