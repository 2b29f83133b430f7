import type { Node } from 'web-tree-sitter';
import type { HookContext, LanguageSpec } from '../language-spec.js';

const SYMBOLS = `
(class_definition name: (identifier) @name) @definition.class
(function_definition name: (identifier) @name) @definition.function
`;

const IMPORTS = `
(import_statement name: (dotted_name) @import @import.module)
(import_statement
  name: (aliased_import name: (dotted_name) @import.module alias: (identifier) @import.module_alias) @import)
(import_from_statement module_name: (_) @import.module) @import
(import_from_statement name: (dotted_name) @import.name) @import
(import_from_statement
  name: (aliased_import name: (dotted_name) @import.name alias: (identifier) @import.alias)) @import
(import_from_statement (wildcard_import) @import.wildcard) @import
`;

const CALLS = `
(call function: (identifier) @call.callee) @call
(call function: (attribute object: (_) @call.receiver attribute: (identifier) @call.callee)) @call
`;

const INHERITANCE = `
(class_definition
  superclasses: (argument_list [(identifier) (attribute) (subscript)] @inherit.extends)) @inherit.owner
`;

const CALLEE = '[(identifier) (attribute)]';

// Locals and parameters (constructor calls, other calls' return values, annotations, loops over a literal tuple or
// list), attributes of the enclosing class (`self.x = …` in methods, annotated or assigned names in the class
// body), and return types (annotations, or a body that returns a constructor call).
const LOCAL_TYPES = `
(assignment
  left: (identifier) @local.variable
  right: [(call function: ${CALLEE} @local.call) (attribute) @local.value])
(assignment left: (identifier) @local.variable type: (type) @local.type)
(typed_parameter (identifier) @local.variable type: (type) @local.type)
(typed_default_parameter name: (identifier) @local.variable type: (type) @local.type)
(for_statement left: (identifier) @local.variable right: [(tuple) (list)] @local.each)
(assignment
  left: (attribute object: (identifier) @_self attribute: (identifier) @attribute.name)
  right: [(call function: ${CALLEE} @attribute.call) (identifier) @attribute.value (attribute) @attribute.value]
  (#eq? @_self "self"))
(assignment
  left: (attribute object: (identifier) @_self attribute: (identifier) @attribute.name)
  type: (type) @attribute.type
  (#eq? @_self "self"))
(class_definition body: (block (expression_statement (assignment left: (identifier) @attribute.name type: (type) @attribute.type))))
(class_definition
  body: (block
    (expression_statement (assignment left: (identifier) @attribute.name right: (call function: ${CALLEE} @attribute.call)))))
(function_definition return_type: (type) @return.type) @return.owner
(function_definition body: (block (return_statement (call function: ${CALLEE} @return.call)))) @return.owner
`;

/** As in the original: the stripped first line, continued while it ends with `(` or `,` (at most 9 more lines). */
function pythonSignature(definition: Node, ctx: HookContext): string {
  const row = definition.startPosition.row;
  const first = (ctx.lines[row] ?? '').trim();
  if (!first.endsWith('(') && !first.endsWith(',')) return first;
  const parts = [first];
  for (let i = row + 1; i < Math.min(ctx.lines.length, row + 10); i++) {
    const line = (ctx.lines[i] ?? '').trim();
    parts.push(line);
    if (line.endsWith(':') || line.includes('):')) break;
  }
  return parts.join(' ');
}

/** The original's intended docstring rule: a string as the first statement of the body, quotes stripped. */
function pythonDocstring(definition: Node): string | null {
  const body = definition.childForFieldName('body');
  const first = body?.namedChild(0);
  if (first == null || first.type !== 'expression_statement') return null;
  const value = first.child(0);
  if (value == null || value.type !== 'string') return null;
  const text = value.text;
  if (text.startsWith('"""') || text.startsWith("'''")) return text.slice(3, -3).trim();
  if (text.startsWith('"') || text.startsWith("'")) return text.slice(1, -1).trim();
  return text;
}

/** As in the original: a capitalised callee that is not all capitals looks like a class. */
function isCapitalised(callee: string): boolean {
  const first = callee.charAt(0);
  return first !== first.toLowerCase() && callee !== callee.toUpperCase();
}

/**
 * Python (`.py`, `.pyi`): classes, functions and methods as the original service extracted them and, beyond it,
 * functions and classes defined inside functions (`outer.inner`); imports and calls.
 */
export const pythonLanguage = {
  name: 'python',
  grammar: 'tree-sitter-python.wasm',
  extensions: ['.py', '.pyi'],
  queries: { symbols: SYMBOLS, imports: IMPORTS, calls: CALLS, inheritance: INHERITANCE, localTypes: LOCAL_TYPES },
  methodContainers: ['class'],
  hooks: { signature: pythonSignature, docstring: pythonDocstring, isConstructorCall: isCapitalised },
} satisfies LanguageSpec;
