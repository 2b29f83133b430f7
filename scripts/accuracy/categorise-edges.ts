import type { IndexedSymbol } from '../../src/resolution/indexed-file.js';
import type { RepographCallSite } from './repograph-call-graph.js';
import type { ExclusionReason, ReceiverFacts, TruthDeclaration } from './truth-call-site.js';

/** A (caller, callee) edge of either graph, with the call sites that make it. */
export interface Edge {
  caller: string;
  target: string;
  /** The truth's callee declaration (truth edges only). */
  declaration?: TruthDeclaration;
  sites: { file: string; line: number; callee: string; receiver?: ReceiverFacts }[];
}

/** A truth edge at one call site. */
export interface TruthAt {
  caller: string;
  target: string;
  declaration: TruthDeclaration;
}

/** A repograph symbol with its file, by node id (to tell an overload signature from its implementation). */
export type SymbolsById = Map<string, { file: string; symbol: IndexedSymbol }>;

/** The categories a missed edge can fall into, in the order they are tried after the structural ones. */
export const RECEIVER_CATEGORIES = {
  inherited: 'unresolved: member inherited through an imported base class',
  returnType: 'unresolved: declared return type of a factory/method',
  chain: 'unresolved: typed property chain / getter',
  string: 'unresolved: receiver typed by a string annotation',
  optional: 'unresolved: receiver typed Optional / X | None',
  property: 'unresolved: receiver typed by a property/attribute annotation',
  parameter: 'unresolved: receiver typed by a parameter annotation',
  variable: 'unresolved: receiver typed by a variable annotation',
} as const;

/** The category of a call whose target is an overload signature instead of the implementation. */
export const OVERLOAD_CATEGORY = 'overload signature as target';

/** Whether node `id` is one of the overload signatures of `declaration` (same file and name, span on its line). */
export function isOverloadOf(symbols: SymbolsById, id: string, declaration: TruthDeclaration | undefined): boolean {
  const found = symbols.get(id);
  if (found == null || declaration == null || found.file !== declaration.file) return false;
  const { symbol } = found;
  if (symbol.name !== declaration.name) return false;
  return (declaration.overloads ?? []).some((line) => symbol.startLine <= line && line <= symbol.endLine);
}

/** The category of an unresolved call from what the truth saw of its receiver, or null when it saw nothing. */
export function receiverCategory(facts: ReceiverFacts | undefined): string | null {
  if (facts == null) return null;
  if (facts.inherited) return RECEIVER_CATEGORIES.inherited;
  if (facts.declaredBy === 'return type') return RECEIVER_CATEGORIES.returnType;
  if (facts.chain || facts.declaredBy === 'getter') return RECEIVER_CATEGORIES.chain;
  if (facts.declaredBy == null) return null;
  if (facts.string) return RECEIVER_CATEGORIES.string;
  if (facts.optional) return RECEIVER_CATEGORIES.optional;
  return RECEIVER_CATEGORIES[facts.declaredBy];
}

const SELF = new Set(['this', 'self', 'super']);

/** Why repograph lacks a truth edge, judged at the edge's first call site. */
export function missCategory(edge: Edge, ourSites: RepographCallSite[], symbols: SymbolsById): string {
  if (edge.caller.startsWith('?')) return 'caller is not a symbol';
  if (edge.target.startsWith('?')) return 'callee is not a symbol';
  if (ourSites.length === 0) return 'call not extracted';
  if (ourSites.some((s) => s.target === edge.target)) return 'wrong caller';
  const resolved = ourSites.filter((s) => s.target != null);
  if (resolved.some((s) => isOverloadOf(symbols, s.target ?? '', edge.declaration))) return OVERLOAD_CATEGORY;
  if (resolved.length > 0) return 'resolved to another symbol';
  const stated = receiverCategory(edge.sites[0]?.receiver);
  if (stated != null) return stated;
  const receiver = ourSites[0]?.receiver ?? null;
  if (receiver == null) return 'unresolved: bare name';
  if (SELF.has(receiver) || receiver.startsWith('this.') || receiver.startsWith('self.')) {
    return receiver.includes('.') ? 'unresolved: attribute of this/self' : 'unresolved: this/self member';
  }
  return 'unresolved: receiver type unknown';
}

/** Why the truth lacks a repograph edge, judged at the edge's first call site. */
export function wrongCategory(
  edge: Edge,
  truthSites: TruthAt[],
  excluded: ExclusionReason | undefined,
  symbols: SymbolsById,
): string {
  if (truthSites.some((t) => t.target === edge.target)) return 'wrong caller';
  if (truthSites.some((t) => isOverloadOf(symbols, edge.target, t.declaration))) return OVERLOAD_CATEGORY;
  if (truthSites.length > 0) return 'wrong callee';
  if (excluded != null) return `truth: ${excluded}`;
  return 'no such call in the truth';
}
