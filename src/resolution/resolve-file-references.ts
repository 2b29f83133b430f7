import type { CallRef, ParsedFile } from '../parsers/parsed-file.js';
import { languageFamily, type LanguageFamily } from './bind-imports.js';
import type { Resolution } from './resolution.js';
import { TYPE_KINDS, type IndexedSymbol } from './repo-index.js';
import type { Resolved, SymbolLookup } from './symbol-lookup.js';

/** A resolved reference between two symbols of the repository. */
export interface SymbolEdge {
  type: 'CALLS' | 'INHERITS' | 'IMPLEMENTS';
  source: string;
  target: string;
  resolution: Resolution;
  line: number;
}

/** The references of one file: edges plus what could not be attached or resolved. */
export interface FileReferences {
  edges: SymbolEdge[];
  /** Calls whose target was not found in the repository (library calls included). */
  unresolvedCalls: number;
  /** Calls outside every symbol (module level): counted, never attached (documented choice). */
  callerlessCalls: number;
  unresolvedBases: number;
}

const SELF_RECEIVERS: Record<LanguageFamily, string[]> = {
  python: ['self', 'cls'],
  js: ['this'],
  go: [],
  jvm: ['this'],
  other: ['this', 'self', 'Self'],
};
const SUPER_RECEIVERS = new Set(['super', 'super()']);

/** Index of the innermost symbol whose lines contain `line` (the caller of a call on that line), or null. */
export function innermostSymbol(symbols: readonly IndexedSymbol[], line: number): number | null {
  let best: number | null = null;
  symbols.forEach((s, i) => {
    if (s.startLine > line || s.endLine < line) return;
    const current = best == null ? null : symbols[best];
    if (current == null || s.endLine - s.startLine <= current.endLine - current.startLine) best = i;
  });
  return best;
}

function enclosingType(symbols: readonly IndexedSymbol[], from: number): number | null {
  let current: number | null = from;
  for (let guard = 0; current != null && guard <= symbols.length; guard++) {
    const symbol: IndexedSymbol | undefined = symbols[current];
    if (symbol == null) return null;
    if (TYPE_KINDS.has(symbol.kind)) return current;
    current = symbol.parent;
  }
  return null;
}

class FileResolver {
  readonly symbols: readonly IndexedSymbol[];
  readonly family: LanguageFamily;

  constructor(
    readonly lookup: SymbolLookup,
    readonly file: ParsedFile,
  ) {
    this.symbols = lookup.index.files.get(file.relativePath)?.symbols ?? [];
    this.family = languageFamily(file.language);
  }

  resolveCall(call: CallRef, caller: number): Resolved | null {
    const path = this.file.relativePath;
    if (call.receiver == null) {
      // JVM-like languages call sibling methods without `this.`; Python and JS cannot.
      const methodsVisible = this.family === 'jvm' || this.family === 'other';
      const local = this.lookup.findInScope(path, caller, call.callee, (s) => s.kind !== 'method' || methodsVisible);
      if (local != null) return { ...local, resolution: local.symbol.kind === 'method' ? 'self' : 'same-file' };
      return this.lookup.findImported(path, call.callee, () => true);
    }
    return this.resolveMemberCall(call.receiver, call.callee, caller, call.line);
  }

  private resolveMemberCall(receiver: string, callee: string, caller: number, line: number): Resolved | null {
    const path = this.file.relativePath;
    const typeIndex = enclosingType(this.symbols, caller);
    const ownType = typeIndex == null ? null : this.symbols[typeIndex];
    if (SELF_RECEIVERS[this.family].includes(receiver) && ownType != null && typeIndex != null) {
      const found = this.lookup.findMember({ symbol: ownType, file: path }, callee);
      return found == null ? null : { ...found, resolution: 'self' };
    }
    if (SUPER_RECEIVERS.has(receiver) && typeIndex != null) {
      for (const base of this.lookup.basesOf(path, typeIndex)) {
        const found = this.lookup.findMember(base, callee);
        if (found != null) return { ...found, resolution: 'super' };
      }
      return null;
    }
    const module = this.lookup.bindingsOf(path).modules.get(receiver);
    if (module != null) {
      const found = this.lookup.findExport(module, callee);
      return found == null ? null : { ...found, resolution: 'module-alias' };
    }
    const localType = this.localTypeOf(receiver, caller, line);
    const typeName = localType ?? receiver;
    const owner = this.lookup.findType(path, this.symbols[caller]?.parent ?? null, typeName);
    const member = owner == null ? null : this.lookup.findMember(owner, callee);
    if (member == null || owner == null) return null;
    return { ...member, resolution: localType != null ? 'receiver-type' : owner.resolution };
  }

  // The latest constructor assignment to `variable` before the call, preferring ones inside the caller.
  private localTypeOf(variable: string, caller: number, line: number): string | null {
    const callerSymbol = this.symbols[caller];
    let best: { typeName: string; line: number; inside: boolean } | null = null;
    for (const t of this.file.localTypes) {
      if (t.variable !== variable || t.line > line) continue;
      const inside = callerSymbol != null && t.line >= callerSymbol.startLine && t.line <= callerSymbol.endLine;
      const selfField = variable.includes('.');
      if (!inside && !selfField && this.innermost(t.line) != null) continue;
      if (best == null || (inside && !best.inside) || (inside === best.inside && t.line >= best.line)) {
        best = { typeName: t.typeName, line: t.line, inside };
      }
    }
    return best?.typeName ?? null;
  }

  innermost(line: number): number | null {
    return innermostSymbol(this.symbols, line);
  }
}

/** Resolves the calls and base types of one file against the repository index (pass 2). */
export function resolveFileReferences(lookup: SymbolLookup, file: ParsedFile): FileReferences {
  const resolver = new FileResolver(lookup, file);
  const out: FileReferences = { edges: [], unresolvedCalls: 0, callerlessCalls: 0, unresolvedBases: 0 };
  for (const call of file.calls) {
    const caller = resolver.innermost(call.line);
    const callerSymbol = caller == null ? undefined : resolver.symbols[caller];
    if (caller == null || callerSymbol == null) {
      out.callerlessCalls++;
      continue;
    }
    const target = resolver.resolveCall(call, caller);
    if (target == null) out.unresolvedCalls++;
    else if (target.symbol.nodeId !== callerSymbol.nodeId) {
      out.edges.push({
        type: 'CALLS',
        source: callerSymbol.nodeId,
        target: target.symbol.nodeId,
        resolution: target.resolution,
        line: call.line,
      });
    }
  }
  for (const ref of file.inheritance) {
    const symbol = resolver.symbols[ref.symbol];
    const base = symbol == null ? null : lookup.findType(file.relativePath, symbol.parent, ref.base);
    if (symbol == null || base == null || base.symbol === symbol) {
      out.unresolvedBases++;
      continue;
    }
    const type = ref.relation === 'implements' ? 'IMPLEMENTS' : 'INHERITS';
    out.edges.push({
      type,
      source: symbol.nodeId,
      target: base.symbol.nodeId,
      resolution: base.resolution,
      line: ref.line,
    });
  }
  return out;
}
