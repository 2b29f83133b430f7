import type { Node, QueryMatch, Tree } from 'web-tree-sitter';
import type { HookContext, LanguageSpec } from './language-spec.js';
import type { ParsedSymbol, SymbolKind } from './parsed-file.js';
import { MAX_DOCSTRING_LENGTH, MAX_REFERENCE_LENGTH, MAX_SIGNATURE_LENGTH, clipText } from './clip-text.js';
import { fingerprintNodes } from './fingerprint-node.js';
import type { SymbolSpan } from './symbol-scopes.js';

/** Symbols of one file plus how many the per-file cap dropped. */
export interface ExtractedSymbols {
  symbols: ParsedSymbol[];
  /** The definition node of each symbol, index-aligned with `symbols`, for reference extraction. */
  nodes: Node[];
  /** Byte range and parent of each symbol, index-aligned with `symbols`, for scoping references. */
  spans: SymbolSpan[];
  truncated: number;
}

interface Candidate {
  definition: Node;
  start: { row: number; column: number; index: number };
  end: { row: number; column: number; index: number };
  nameNode: Node | null;
  fingerprintNode: Node;
  kind: SymbolKind;
}

/**
 * Derives every ParsedSymbol field from the symbols query's matches (see languages/README.md). When `expired`
 * turns true mid-way, the fingerprints not computed yet are left empty.
 */
export function extractSymbols(
  spec: LanguageSpec,
  matches: QueryMatch[],
  tree: Tree,
  ctx: HookContext,
  maxSymbols: number,
  expired: () => boolean = () => false,
): ExtractedSymbols {
  const candidates = collectCandidates(spec, matches);
  candidates.sort(
    (a, b) =>
      a.start.row - b.start.row || b.end.row - a.end.row || a.start.index - b.start.index || b.end.index - a.end.index,
  );
  const kept = candidates.slice(0, maxSymbols);
  const fingerprints = fingerprintNodes(
    kept.map((c) => c.fingerprintNode),
    tree,
    expired,
  );
  const indexById = new Map<number, number>();
  const symbols: ParsedSymbol[] = [];
  const spans: SymbolSpan[] = [];
  for (const [i, candidate] of kept.entries()) {
    const parent = enclosingSymbol(candidate.definition, indexById);
    const parentSymbol = parent == null ? null : (symbols[parent] ?? null);
    const kind = finalKind(spec, candidate, parentSymbol?.kind ?? null);
    const fullName = clipName(candidate.nameNode?.text) ?? spec.hooks?.anonymousName?.(candidate.definition) ?? '';
    // A hook may name a member defined outside its owner (Go receiver, Rust impl, C++ `A::f`) as `Owner.member`:
    // the owner belongs to the qualified name only, `name` stays bare.
    const name = candidate.nameNode == null ? fullName.slice(fullName.lastIndexOf('.') + 1) : fullName;
    const qualifier = spec.hooks?.qualifier?.(candidate.definition);
    const localName = qualifier == null ? fullName : `${qualifier}.${fullName}`;
    const { start, end } = candidate;
    indexById.set(candidate.definition.id, symbols.length);
    spans.push({ startIndex: start.index, endIndex: end.index, parent });
    symbols.push({
      kind,
      name,
      qualifiedName: parentSymbol == null ? localName : `${parentSymbol.qualifiedName}.${localName}`,
      startLine: start.row + 1,
      endLine: end.row + 1,
      startColumn: start.column,
      endColumn: end.column,
      signature: clipText(
        spec.hooks?.signature?.(candidate.definition, ctx) ?? firstLine(start, ctx),
        MAX_SIGNATURE_LENGTH,
      ),
      docstring: clipDocstring(spec.hooks?.docstring?.(candidate.definition, ctx) ?? null),
      fingerprint: fingerprints[i] ?? '',
      parent,
    });
  }
  return { symbols, nodes: kept.map((c) => c.definition), spans, truncated: candidates.length - kept.length };
}

function collectCandidates(spec: LanguageSpec, matches: QueryMatch[]): Candidate[] {
  const seen = new Set<number>();
  const candidates: Candidate[] = [];
  for (const match of matches) {
    let definition: Node | null = null;
    let nameNode: Node | null = null;
    let fingerprint: Node | null = null;
    let kind: SymbolKind | null = null;
    for (const capture of match.captures) {
      if (capture.name.startsWith('definition.')) {
        definition = capture.node;
        kind = capture.name.slice('definition.'.length) as SymbolKind;
      } else if (capture.name === 'name') nameNode = capture.node;
      else if (capture.name === 'fingerprint') fingerprint = capture.node;
    }
    if (definition == null || kind == null || seen.has(definition.id)) continue;
    if (nameNode == null && spec.hooks?.anonymousName?.(definition) == null) continue;
    if (!(spec.hooks?.isSymbol ?? ((node: Node) => !hasOpaqueAncestor(spec, node)))(definition)) continue;
    seen.add(definition.id);
    const { startPosition, endPosition, startIndex, endIndex } = definition;
    candidates.push({
      definition,
      start: { ...startPosition, index: startIndex },
      end: { ...endPosition, index: endIndex },
      nameNode,
      fingerprintNode: fingerprint ?? definition,
      kind,
    });
  }
  return candidates;
}

/** Default `isSymbol`: no ancestor's type is in `spec.opaqueTypes`. */
export function hasOpaqueAncestor(spec: LanguageSpec, node: Node): boolean {
  const opaque = spec.opaqueTypes;
  if (opaque == null || opaque.length === 0) return false;
  for (let up = node.parent; up != null; up = up.parent) {
    if (opaque.includes(up.type)) return true;
  }
  return false;
}

function enclosingSymbol(node: Node, indexById: Map<number, number>): number | null {
  for (let up = node.parent; up != null; up = up.parent) {
    const index = indexById.get(up.id);
    if (index != null) return index;
  }
  return null;
}

function finalKind(spec: LanguageSpec, candidate: Candidate, parentKind: SymbolKind | null): SymbolKind {
  if (spec.hooks?.kind != null) return spec.hooks.kind(candidate.kind, parentKind, candidate.definition);
  const containers = spec.methodContainers ?? ['class'];
  if (candidate.kind === 'function' && parentKind != null && containers.includes(parentKind)) return 'method';
  return candidate.kind;
}

function clipName(name: string | undefined): string | undefined {
  return name == null ? undefined : clipText(name, MAX_REFERENCE_LENGTH);
}

function clipDocstring(docstring: string | null): string | null {
  return docstring == null ? null : clipText(docstring, MAX_DOCSTRING_LENGTH);
}

function firstLine(start: { row: number; column: number }, ctx: HookContext): string {
  return (ctx.lines[start.row] ?? '').slice(start.column).trim();
}
