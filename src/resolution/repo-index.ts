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

/** The POSIX parent directory of a repository-relative path (`.` for top-level entries). */
export function parentDir(relativePath: string): string {
  const slash = relativePath.lastIndexOf('/');
  return slash < 0 ? '.' : relativePath.slice(0, slash);
}

/** The repository-wide index built by pass 1: directories, files and their symbols by name. */
export class RepoIndex {
  readonly dirs = new Set<string>(['.']);
  readonly files = new Map<string, IndexedFile>();
  private readonly filesByDir = new Map<string, string[]>();

  /** Records one parsed file. */
  addFile(file: ParsedFile): void {
    const ids = symbolNodeIds(file);
    const symbols = file.symbols.map((s, i) => ({
      nodeId: ids[i] ?? '',
      kind: s.kind,
      name: s.name,
      qualifiedName: s.qualifiedName,
      startLine: s.startLine,
      endLine: s.endLine,
      parent: s.parent,
    }));
    this.files.set(file.relativePath, {
      path: file.relativePath,
      nodeId: fileNodeId(file.relativePath),
      language: file.language,
      symbols,
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
    });
    const dir = parentDir(file.relativePath);
    const list = this.filesByDir.get(dir);
    if (list == null) this.filesByDir.set(dir, [file.relativePath]);
    else list.push(file.relativePath);
  }

  /** Records one directory. */
  addDir(relativePath: string): void {
    this.dirs.add(relativePath === '' ? '.' : relativePath);
  }

  /** True when `path` is a file of the index that is not a directory. */
  hasFile(path: string): boolean {
    return this.files.has(path);
  }

  /** Files directly inside `dir`. */
  filesIn(dir: string): readonly string[] {
    return this.filesByDir.get(dir) ?? [];
  }

  /**
   * The top-level symbol of `path` named `name` that `accept` takes (first in symbol order). A member qualified by
   * an owner that is not a symbol (`obj.method`, a Go `T.Method`) is not top-level under its bare name.
   */
  topLevel(path: string, name: string, accept: (s: IndexedSymbol) => boolean = () => true): IndexedSymbol | undefined {
    return this.files
      .get(path)
      ?.symbols.find((s) => s.parent == null && s.name === name && s.qualifiedName === name && accept(s));
  }

  /** Index of `symbol` among the symbols of `path`, or -1. */
  symbolIndex(path: string, symbol: IndexedSymbol): number {
    return this.files.get(path)?.symbols.indexOf(symbol) ?? -1;
  }

  /** The types the code gives attribute `attribute` of the class at `symbolIndex` in `path`, in source order. */
  attributeTypes(path: string, symbolIndex: number, attribute: string): IndexedAttributeType[] {
    return (
      this.files.get(path)?.attributeTypes.filter((a) => a.symbol === symbolIndex && a.attribute === attribute) ?? []
    );
  }

  /** The return type stated for the function at `symbolIndex` in `path`, or null. */
  returnType(path: string, symbolIndex: number): string | null {
    return this.files.get(path)?.returnTypes.get(symbolIndex) ?? null;
  }

  /** The member `name` of the type whose qualified name is `ownerQualifiedName` in `path`. */
  member(path: string, ownerQualifiedName: string, name: string): IndexedSymbol | undefined {
    const qualifiedName = `${ownerQualifiedName}.${name}`;
    return this.files.get(path)?.symbols.find((s) => s.qualifiedName === qualifiedName);
  }
}
