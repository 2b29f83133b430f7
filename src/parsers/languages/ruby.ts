import type { Node } from 'web-tree-sitter';
import type { LanguageSpec } from '../language-spec.js';
import type { ImportRef } from '../parsed-file.js';
import { docCommentBefore } from './c-doc-comments.js';

// Classes and modules are matched without `@name`: `rubyAnonymousName` writes `class A::B` as `A.B`.
const SYMBOLS = `
(class name: [(constant) (scope_resolution)]) @definition.class
(module name: [(constant) (scope_resolution)]) @definition.module
(method name: (_) @name) @definition.function
(singleton_method name: (_) @name) @definition.method
(assignment left: (identifier) @name right: (lambda) @fingerprint) @definition.function
(assignment
  left: (identifier) @name
  right: (call method: (identifier) @_lambda block: [(block) (do_block)]) @fingerprint
  (#any-of? @_lambda "lambda" "proc")) @definition.function
`;

const IMPORTS = `
(call
  !receiver
  method: (identifier) @_require
  arguments: (argument_list . (string (string_content) @import.module))
  (#any-of? @_require "require" "require_relative" "load" "autoload")) @import
`;

// `Foo.new` and `A::Foo.new` are constructions of `Foo`; other `.new` calls are left out as untyped.
const CALLS = `
(call !receiver method: (identifier) @call.callee
  (#not-any-of? @call.callee "require" "require_relative" "load" "autoload" "include" "extend" "prepend")) @call
(call receiver: (_) @call.receiver method: (identifier) @call.callee (#not-eq? @call.callee "new")) @call
(call receiver: (constant) @call.callee method: (identifier) @_new (#eq? @_new "new")) @call @call.constructor
(call
  receiver: (scope_resolution scope: (_) @call.receiver name: (constant) @call.callee)
  method: (identifier) @_new
  (#eq? @_new "new")) @call @call.constructor
`;

// `include`/`extend`/`prepend` of a module are recorded as `implements`.
const MIXIN = `(call
  !receiver
  method: (identifier) @_mixin
  arguments: (argument_list [(constant) (scope_resolution)] @inherit.implements)
  (#any-of? @_mixin "include" "extend" "prepend"))`;
const INHERITANCE = `
(class superclass: (superclass [(constant) (scope_resolution)] @inherit.extends)) @inherit.owner
(class body: (body_statement ${MIXIN})) @inherit.owner
(module body: (body_statement ${MIXIN})) @inherit.owner
`;

const LOCAL_TYPES = `
(assignment
  left: (identifier) @local.variable
  right: (call receiver: [(constant) (scope_resolution)] @local.type method: (identifier) @_new (#eq? @_new "new")))
`;

// Comments before a body's first statement belong to the class or module node, not to the body.
const DOC_STYLE = { linePrefixes: ['#'], blockOpeners: [], wrappers: ['body_statement'] };

/** `class A::B` is named `A.B`. */
function rubyAnonymousName(definition: Node): string | null {
  const name = definition.childForFieldName('name')?.text;
  return name == null ? null : name.replace(/^::/, '').replaceAll('::', '.');
}

/**
 * A `def` inside a method defines a method of the receiver's class when the outer method runs, not a local
 * function, so it is left out; lambdas and procs bound to local variables are kept.
 */
function isRubySymbol(definition: Node): boolean {
  if (definition.type !== 'method' && definition.type !== 'singleton_method') return true;
  for (let up = definition.parent; up != null; up = up.parent) {
    if (up.type === 'method' || up.type === 'singleton_method') return false;
  }
  return true;
}

/** `require_relative` and `./`-style paths are relative. */
function finishRubyImport(ref: ImportRef, node: Node): ImportRef {
  const method = node.childForFieldName('method')?.text;
  return { ...ref, isRelative: method === 'require_relative' || ref.module.startsWith('.') };
}

/**
 * Ruby (`.rb`, `.rake`, `.gemspec`, `Rakefile`, `Gemfile`): modules, classes (`A::B` as `A.B`), methods and
 * `def self.x`; `require`/`require_relative`/`load`, calls, `Foo.new` constructions, `< Base` and mixins, local
 * types from `x = Foo.new`; `#` comments as docs.
 */
export const rubyLanguage = {
  name: 'ruby',
  grammar: 'tree-sitter-ruby.wasm',
  extensions: ['.rb', '.rake', '.gemspec'],
  fileNames: ['rakefile', 'gemfile'],
  queries: { symbols: SYMBOLS, imports: IMPORTS, calls: CALLS, inheritance: INHERITANCE, localTypes: LOCAL_TYPES },
  methodContainers: ['class', 'module'],
  hooks: {
    isSymbol: isRubySymbol,
    anonymousName: rubyAnonymousName,
    finishImport: finishRubyImport,
    isConstructorCall: (callee: string) => callee === 'new',
    docstring: (definition: Node) => docCommentBefore(definition, DOC_STYLE),
  },
} satisfies LanguageSpec;
