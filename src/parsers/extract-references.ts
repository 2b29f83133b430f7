import type { Node, QueryCapture, QueryMatch } from 'web-tree-sitter';
import type { LanguageRuntime, QueryName } from './parser-cache.js';
import { MAX_REFERENCE_LENGTH, clipText } from './clip-text.js';
import type {
  AttributeTypeRef,
  CallRef,
  ImportRef,
  InheritanceRef,
  LocalTypeRef,
  ParsedSymbol,
  ReturnTypeRef,
  StatedVia,
} from './parsed-file.js';
import { SymbolScopes, type SymbolSpan } from './symbol-scopes.js';

/** Every reference kind of one file. */
export interface ExtractedReferences {
  imports: ImportRef[];
  calls: CallRef[];
  inheritance: InheritanceRef[];
  localTypes: LocalTypeRef[];
  attributeTypes: AttributeTypeRef[];
  returnTypes: ReturnTypeRef[];
}

/** The symbols references are attached to: their definition nodes and byte spans, index-aligned. */
export interface ReferenceSymbols {
  symbols: ParsedSymbol[];
  nodes: Node[];
  spans: SymbolSpan[];
}

/** Matches of the combined query, split by the query each pattern came from. */
export type MatchesByQuery = Record<QueryName, QueryMatch[]>;

/** Builds every reference from the reference queries' matches (capture names in languages/README.md). */
export function extractReferences(
  runtime: LanguageRuntime,
  matches: MatchesByQuery,
  symbols: ReferenceSymbols,
): ExtractedReferences {
  const captures = (name: QueryName): QueryCapture[][] => matches[name].map((match) => match.captures);
  const scopes = new SymbolScopes(symbols.spans);
  const typeCaptures = captures('localTypes');
  return {
    imports: buildImports(runtime, captures('imports')),
    calls: buildCalls(runtime, captures('calls'), scopes),
    inheritance: buildInheritance(captures('inheritance'), symbols.nodes),
    localTypes: buildLocalTypes(runtime, typeCaptures, scopes),
    attributeTypes: buildAttributeTypes(runtime, typeCaptures, scopes, symbols.symbols),
    returnTypes: buildReturnTypes(runtime, typeCaptures, symbols.nodes),
  };
}

/** Source text of a reference node, clipped so one huge expression cannot bloat a record. */
function text(node: Node): string {
  return clipText(node.text, MAX_REFERENCE_LENGTH);
}

function line(node: Node): number {
  return node.startPosition.row + 1;
}

function unquote(text: string): string {
  return text.replace(/^(['"`])(.*)\1$/s, '$2');
}

function buildImports(runtime: LanguageRuntime, matches: QueryCapture[][]): ImportRef[] {
  const byNode = new Map<number, { node: Node; ref: ImportRef; positions: number[] }>();
  for (const captures of matches) {
    const group = captures.find((c) => c.name === 'import')?.node;
    if (group == null) continue;
    let entry = byNode.get(group.id);
    if (entry == null) {
      const ref: ImportRef = {
        module: '',
        names: [],
        moduleAlias: null,
        defaultImport: null,
        isRelative: false,
        isWildcard: false,
        line: line(group),
      };
      entry = { node: group, ref, positions: [] };
      byNode.set(group.id, entry);
    }
    applyImportCaptures(entry.ref, entry.positions, captures);
  }
  const hooks = runtime.spec.hooks;
  const refs: ImportRef[] = [];
  const entries = [...byNode.values()].sort((a, b) => a.node.startIndex - b.node.startIndex);
  for (const { node, ref, positions } of entries) {
    const order = ref.names.map((name, i) => ({ name, at: positions[i] ?? 0 }));
    ref.names = order.sort((a, b) => a.at - b.at).map((entry) => entry.name);
    ref.isRelative = hooks?.isRelativeImport?.(ref.module) ?? ref.module.startsWith('.');
    const finished = hooks?.finishImport == null ? ref : hooks.finishImport(ref, node);
    if (finished != null) refs.push(finished);
  }
  return refs;
}

function applyImportCaptures(ref: ImportRef, positions: number[], captures: QueryCapture[]): void {
  const nameNode = captures.find((c) => c.name === 'import.name')?.node;
  const name = nameNode == null ? null : text(nameNode);
  for (const { name: capture, node } of captures) {
    if (capture === 'import.module') ref.module = unquote(text(node));
    else if (capture === 'import.module_alias') ref.moduleAlias = text(node);
    else if (capture === 'import.default') ref.defaultImport = text(node);
    else if (capture === 'import.wildcard') ref.isWildcard = true;
    else if (capture === 'import.alias' && name == null) ref.moduleAlias = text(node);
  }
  if (name == null) return;
  const aliasNode = captures.find((c) => c.name === 'import.alias')?.node;
  const alias = aliasNode == null ? null : text(aliasNode);
  if (ref.names.some((n) => n.name === name && n.alias === alias)) return;
  ref.names.push({ name, alias });
  positions.push(nameNode?.startIndex ?? 0);
}

function buildCalls(runtime: LanguageRuntime, matches: QueryCapture[][], scopes: SymbolScopes): CallRef[] {
  const seen = new Set<number>();
  const calls: { at: number; ref: CallRef }[] = [];
  for (const captures of matches) {
    const call = captures.find((c) => c.name === 'call')?.node;
    const calleeNode = captures.find((c) => c.name === 'call.callee')?.node;
    const callee = calleeNode == null ? undefined : text(calleeNode);
    if (call == null || callee == null || seen.has(call.id)) continue;
    seen.add(call.id);
    const constructor =
      captures.some((c) => c.name === 'call.constructor') || (runtime.spec.hooks?.isConstructorCall?.(callee) ?? false);
    const receiverNode = captures.find((c) => c.name === 'call.receiver')?.node;
    const receiver = receiverNode == null ? null : text(receiverNode);
    const at = call.startIndex;
    const caller = scopes.innermost(at);
    calls.push({ at, ref: { callee, receiver, line: line(call), isConstructor: constructor, caller } });
  }
  return calls.sort((a, b) => a.at - b.at).map((c) => c.ref);
}

function buildInheritance(matches: QueryCapture[][], symbolNodes: Node[]): InheritanceRef[] {
  const symbolById = new Map(symbolNodes.map((node, index) => [node.id, index]));
  const refs: InheritanceRef[] = [];
  const seen = new Set<string>();
  for (const captures of matches) {
    const owner = captures.find((c) => c.name === 'inherit.owner')?.node;
    const symbol = owner == null ? undefined : symbolById.get(owner.id);
    if (symbol == null) continue;
    for (const { name, node } of captures) {
      if (name !== 'inherit.extends' && name !== 'inherit.implements') continue;
      const key = `${symbol}:${node.id}:${name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      refs.push({
        symbol,
        base: text(node),
        relation: name === 'inherit.extends' ? 'extends' : 'implements',
        line: line(node),
      });
    }
  }
  return refs.sort((a, b) => a.symbol - b.symbol || a.line - b.line);
}

const VIA: readonly StatedVia[] = ['new', 'call', 'value', 'each'];

/**
 * The node a type statement names and how (`StatedVia`): `@<prefix>.type` for an annotation, `@<prefix>.new`,
 * `.call`, `.value` or `.each` for the other forms. A call whose callee looks like a class to the language
 * (`isConstructorCall`: Python's capitalised names) is a construction.
 */
function statedType(
  runtime: LanguageRuntime,
  captures: QueryCapture[],
  prefix: string,
): { node: Node; via: StatedVia | null } | null {
  for (const { name, node } of captures) {
    if (!name.startsWith(`${prefix}.`)) continue;
    const form = name.slice(prefix.length + 1);
    if (form === 'type') return { node, via: null };
    const via = VIA.find((v) => v === form);
    if (via == null) continue;
    const callee = via === 'call' ? node.text.slice(node.text.lastIndexOf('.') + 1) : '';
    return { node, via: via === 'call' && runtime.spec.hooks?.isConstructorCall?.(callee) === true ? 'new' : via };
  }
  return null;
}

function buildLocalTypes(runtime: LanguageRuntime, matches: QueryCapture[][], scopes: SymbolScopes): LocalTypeRef[] {
  const refs: LocalTypeRef[] = [];
  const seen = new Set<string>();
  for (const captures of matches) {
    const variable = captures.find((c) => c.name === 'local.variable')?.node;
    const type = statedType(runtime, captures, 'local');
    if (variable == null || type == null) continue;
    const ref: LocalTypeRef = {
      variable: text(variable),
      typeName: text(type.node),
      line: line(variable),
      scope: scopes.innermost(variable.startIndex),
    };
    if (type.via != null) ref.via = type.via;
    const key = `${ref.line}:${ref.variable}:${ref.typeName}`;
    if (seen.has(key)) continue;
    seen.add(key);
    refs.push(ref);
  }
  return refs.sort((a, b) => a.line - b.line);
}

// The owner of an attribute is the class around the assignment or field, through the methods in between.
function buildAttributeTypes(
  runtime: LanguageRuntime,
  matches: QueryCapture[][],
  scopes: SymbolScopes,
  symbols: ParsedSymbol[],
): AttributeTypeRef[] {
  const refs: AttributeTypeRef[] = [];
  const seen = new Set<string>();
  for (const captures of matches) {
    const attribute = captures.find((c) => c.name === 'attribute.name')?.node;
    const type = statedType(runtime, captures, 'attribute');
    if (attribute == null || type == null) continue;
    const scope = scopes.innermost(attribute.startIndex);
    let owner = scope;
    for (let guard = 0; owner != null && symbols[owner]?.kind !== 'class' && guard < symbols.length; guard++) {
      owner = symbols[owner]?.parent ?? null;
    }
    if (owner == null) continue;
    const ref: AttributeTypeRef = {
      symbol: owner,
      attribute: text(attribute),
      typeName: text(type.node),
      line: line(attribute),
      scope,
    };
    if (type.via != null) ref.via = type.via;
    const key = `${owner}:${ref.attribute}:${ref.typeName}`;
    if (seen.has(key)) continue;
    seen.add(key);
    refs.push(ref);
  }
  return refs.sort((a, b) => a.line - b.line || a.symbol - b.symbol);
}

// A return annotation wins over returned constructor calls; returns that disagree say nothing.
function buildReturnTypes(runtime: LanguageRuntime, matches: QueryCapture[][], symbolNodes: Node[]): ReturnTypeRef[] {
  const symbolById = new Map(symbolNodes.map((node, index) => [node.id, index]));
  const found = new Map<number, { typeName: string; annotated: boolean; conflict: boolean }>();
  for (const captures of matches) {
    const owner = captures.find((c) => c.name === 'return.owner')?.node;
    const type = statedType(runtime, captures, 'return');
    const symbol = owner == null ? undefined : symbolById.get(owner.id);
    // Only a returned construction says what the function returns; another call's result is not followed.
    if (symbol == null || type == null || (type.via != null && type.via !== 'new')) continue;
    const annotated = type.via == null;
    const typeName = text(type.node);
    const entry = found.get(symbol);
    if (entry == null) found.set(symbol, { typeName, annotated, conflict: false });
    else if (annotated && !entry.annotated) found.set(symbol, { typeName, annotated, conflict: false });
    else if (annotated === entry.annotated && entry.typeName !== typeName) entry.conflict = true;
  }
  return [...found.entries()]
    .filter(([, entry]) => !entry.conflict)
    .map(([symbol, entry]) => ({ symbol, typeName: entry.typeName }))
    .sort((a, b) => a.symbol - b.symbol);
}
