import type { ImportRef, ParsedFile, StatedVia, SymbolKind } from '../parsers/parsed-file.js';
import { fileNodeId, symbolNodeId } from '../identity/graph-ids.js';

/** What pass 1 keeps of a symbol: enough to resolve references, no text. */
export interface IndexedSymbol {
  nodeId: string;
  kind: SymbolKind;
  name: string;
  qualifiedName: string;
  startLine: number;
  endLine: number;
  parent: number | null;
}

/** A type an attribute of a class is given (`symbol` indexes the file's symbols; see `AttributeTypeRef`). */
export interface IndexedAttributeType {
  symbol: number;
  attribute: string;
  typeName: string;
  via: StatedVia | null;
  /** The symbol around the statement (a method of the class, or the class), in the same file. */
  scope: number | null;
}

/** What pass 1 keeps of a file: its symbols and imports (imports are needed to follow re-exports). */
export interface IndexedFile {
  path: string;
  /** Node id of the file's FileNode (the source of its module-level calls). */
  nodeId: string;
  language: string | null;
  symbols: IndexedSymbol[];
  imports: ImportRef[];
  /** Base types named by the file's definitions (`symbol` indexes `symbols`). */
  bases: { symbol: number; base: string }[];
  attributeTypes: IndexedAttributeType[];
  /** Stated return type by symbol index. */
  returnTypes: Map<number, string>;
}

/** Symbol kinds that own methods (receivers of `self.`/`this.` calls and targets of constructor calls). */
export const TYPE_KINDS: ReadonlySet<SymbolKind> = new Set(['class', 'interface', 'struct', 'trait', 'enum', 'type']);

/** The node ids of a file's symbols, in symbol order; the occurrence counter separates true duplicates. */
export function symbolNodeIds(file: Pick<ParsedFile, 'relativePath' | 'symbols'>): string[] {
  const seen = new Map<string, number>();
  return file.symbols.map((s) => {
    const key = `${s.kind}\n${s.qualifiedName}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return symbolNodeId(file.relativePath, s.kind, s.qualifiedName, occurrence);
  });
}

/** What the index keeps of a parsed file: the projection other files' resolution may read. */
export function indexedFileOf(file: ParsedFile): IndexedFile {
  const ids = symbolNodeIds(file);
  return {
    path: file.relativePath,
    nodeId: fileNodeId(file.relativePath),
    language: file.language,
    symbols: file.symbols.map((s, i) => ({
      nodeId: ids[i] ?? '',
      kind: s.kind,
      name: s.name,
      qualifiedName: s.qualifiedName,
      startLine: s.startLine,
      endLine: s.endLine,
      parent: s.parent,
    })),
    imports: file.imports,
    bases: file.inheritance.map((b) => ({ symbol: b.symbol, base: b.base })),
    attributeTypes: (file.attributeTypes ?? []).map((a) => ({
      symbol: a.symbol,
      attribute: a.attribute,
      typeName: a.typeName,
      via: a.via ?? null,
      scope: a.scope ?? a.symbol,
    })),
    returnTypes: new Map((file.returnTypes ?? []).map((r) => [r.symbol, r.typeName])),
  };
}
