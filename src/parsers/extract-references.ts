import type { Node, QueryCapture, QueryMatch } from 'web-tree-sitter';
import type { LanguageRuntime, QueryName } from './parser-cache.js';
import { MAX_REFERENCE_LENGTH, clipText } from './clip-text.js';
import type { CallRef, ImportRef, InheritanceRef, LocalTypeRef } from './parsed-file.js';

/** Every reference kind of one file. */
export interface ExtractedReferences {
  imports: ImportRef[];
  calls: CallRef[];
  inheritance: InheritanceRef[];
  localTypes: LocalTypeRef[];
}

/** Matches of the combined query, split by the query each pattern came from. */
export type MatchesByQuery = Record<QueryName, QueryMatch[]>;

/** Builds every reference from the reference queries' matches (capture names in languages/README.md). */
export function extractReferences(
  runtime: LanguageRuntime,
  matches: MatchesByQuery,
  symbolNodes: Node[],
): ExtractedReferences {
  const captures = (name: QueryName): QueryCapture[][] => matches[name].map((match) => match.captures);
  return {
    imports: buildImports(runtime, captures('imports')),
    calls: buildCalls(runtime, captures('calls')),
    inheritance: buildInheritance(captures('inheritance'), symbolNodes),
    localTypes: buildLocalTypes(captures('localTypes')),
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

function buildCalls(runtime: LanguageRuntime, matches: QueryCapture[][]): CallRef[] {
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
    calls.push({ at: call.startIndex, ref: { callee, receiver, line: line(call), isConstructor: constructor } });
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

function buildLocalTypes(matches: QueryCapture[][]): LocalTypeRef[] {
  const refs: LocalTypeRef[] = [];
  const seen = new Set<string>();
  for (const captures of matches) {
    const variable = captures.find((c) => c.name === 'local.variable')?.node;
    const type = captures.find((c) => c.name === 'local.type')?.node;
    if (variable == null || type == null) continue;
    const ref = { variable: text(variable), typeName: text(type), line: line(variable) };
    const key = `${ref.line}:${ref.variable}:${ref.typeName}`;
    if (seen.has(key)) continue;
    seen.add(key);
    refs.push(ref);
  }
  return refs.sort((a, b) => a.line - b.line);
}
