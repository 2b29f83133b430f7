import type { ParsedFile } from '../parsers/parsed-file.js';
import { CallResolver } from './call-resolver.js';
import type { Resolution } from './resolution.js';
import type { SymbolLookup } from './symbol-lookup.js';

/** A resolved reference between two symbols of the repository (or from a file, for module-level calls). */
export interface SymbolEdge {
  type: 'CALLS' | 'INHERITS' | 'IMPLEMENTS';
  /** Node id of the caller symbol, or of the file for a call at module level. */
  source: string;
  target: string;
  resolution: Resolution;
  line: number;
  /** Index into `ParsedFile.calls` of the call a CALLS edge comes from. */
  call?: number;
}

/** The references of one file: edges plus what could not be attached or resolved. */
export interface FileReferences {
  edges: SymbolEdge[];
  /** Calls whose target was not found in the repository (library calls included). */
  unresolvedCalls: number;
  /** Calls outside every symbol (module level); resolved ones are attached to the file node. */
  callerlessCalls: number;
  unresolvedBases: number;
}

/** Resolves the calls and base types of one file against the repository index (pass 2). */
export function resolveFileReferences(lookup: SymbolLookup, file: ParsedFile): FileReferences {
  const resolver = new CallResolver(lookup, file);
  const symbols = resolver.file.symbols;
  const out: FileReferences = { edges: [], unresolvedCalls: 0, callerlessCalls: 0, unresolvedBases: 0 };
  const fileNodeId = lookup.index.files.get(file.relativePath)?.nodeId ?? '';
  file.calls.forEach((call, index) => {
    const caller = resolver.callerOf(call);
    const callerSymbol = caller == null ? undefined : symbols[caller];
    if (callerSymbol == null) out.callerlessCalls++;
    const targets = resolver.resolveAll(call, callerSymbol == null ? null : caller);
    if (targets.length === 0) out.unresolvedCalls++;
    for (const target of targets) {
      if (target.symbol.nodeId === callerSymbol?.nodeId) continue;
      out.edges.push({
        type: 'CALLS',
        source: callerSymbol?.nodeId ?? fileNodeId,
        target: target.symbol.nodeId,
        resolution: target.resolution,
        line: call.line,
        call: index,
      });
    }
  });
  for (const ref of file.inheritance) {
    const symbol = symbols[ref.symbol];
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
