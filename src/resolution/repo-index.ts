import type { ParsedFile } from '../parsers/parsed-file.js';
import { parentDir } from '../parsers/repo-path.js';
import { dependencyKey } from './dependency-keys.js';
import { DependencyRecorder } from './dependency-recorder.js';
import { indexedFileOf, type IndexedAttributeType, type IndexedFile, type IndexedSymbol } from './indexed-file.js';
import { PackageTable } from './package-table.js';
import { DirectorySet, FileTable } from './recorded-tables.js';
import { SymbolNameIndex } from './symbol-name-index.js';

/**
 * The repository-wide symbol table resolution reads: directories, files and their symbols by name. Files are
 * either loaded (their symbols are in the table) or only known to exist (path and language), and every read
 * goes through `recorder`, so an incremental run knows which files' resolution depends on what.
 */
export class RepoIndex {
  readonly recorder = new DependencyRecorder();
  readonly dirs: Set<string> = new DirectorySet(this.recorder);
  readonly files: Map<string, IndexedFile> = new FileTable(this.recorder);
  private readonly filesByDir = new Map<string, string[]>();
  private readonly suffixCache = new Map<string, string[]>();
  // Lookup tables, built on first use: a file's symbols by name, a package's files by the names they define.
  private readonly nameIndexes = new Map<string, SymbolNameIndex>();
  private readonly packages = new Map<string, Map<string, PackageTable>>();
  private readonly packagesByFiles = new WeakMap<readonly string[], PackageTable>();
  private readonly familyKeys = new WeakMap<readonly string[], string>();

  constructor() {
    this.addDir('.');
  }

  private get table(): FileTable {
    return this.files as FileTable;
  }

  /** Records that a file exists (with its language) without loading its symbols. */
  addKnownFile(path: string, language: string | null): void {
    if (this.table.known.has(path)) return;
    this.table.known.set(path, language);
    const dir = parentDir(path);
    const list = this.filesByDir.get(dir);
    if (list == null) this.filesByDir.set(dir, [path]);
    else list.push(path);
    this.dropPackages(dir);
  }

  /** Records one parsed file with its symbols. */
  addFile(file: ParsedFile): void {
    this.addIndexedFile(indexedFileOf(file));
  }

  /** Records one file's index entry (its path becomes known if it was not). */
  addIndexedFile(file: IndexedFile): void {
    this.addKnownFile(file.path, file.language);
    Map.prototype.set.call(this.files, file.path, file);
    this.dropPackages(parentDir(file.path));
  }

  /** Whether the symbols of `path` are loaded. */
  isLoaded(path: string): boolean {
    return Map.prototype.has.call(this.files, path);
  }

  /** Records one directory. */
  addDir(relativePath: string): void {
    Set.prototype.add.call(this.dirs, relativePath === '' ? '.' : relativePath);
    this.suffixCache.clear();
  }

  /** Every known directory, without recording a dependency (for the layout, which is compared as a whole). */
  allDirs(): string[] {
    return [...Set.prototype.values.call(this.dirs)] as string[];
  }

  /** The languages of every known file. */
  languages(): Set<string | null> {
    return new Set(this.table.known.values());
  }

  /** True when `path` is a known file of the index that is not a directory. */
  hasFile(path: string): boolean {
    return this.files.has(path);
  }

  /** Directories equal to `suffix` or ending in `/<suffix>`, sorted (JVM packages are found by their path tail). */
  dirsEndingWith(suffix: string): string[] {
    this.recorder.record(dependencyKey('suffix', suffix));
    let dirs = this.suffixCache.get(suffix);
    if (dirs == null) {
      dirs = this.allDirs()
        .filter((d) => d === suffix || d.endsWith(`/${suffix}`))
        .sort();
      this.suffixCache.set(suffix, dirs);
    }
    return dirs;
  }

  /**
   * The package of `dir` for a language family: its files with one of `extensions`, in listing order. Reading it
   * is a dependency on the directory's listing.
   */
  packageOf(dir: string, extensions: readonly string[]): PackageTable {
    const byFamily = this.packages.get(dir) ?? new Map<string, PackageTable>();
    let family = this.familyKeys.get(extensions);
    if (family == null) {
      family = extensions.join(' ');
      this.familyKeys.set(extensions, family);
    }
    let table = byFamily.get(family);
    if (table == null) {
      const files = (this.filesByDir.get(dir) ?? []).filter((f) => extensions.some((e) => f.endsWith(e)));
      table = new PackageTable(
        dir,
        files,
        (path) => this.table.fileKey(path),
        (path) => this.loaded(path)?.symbols,
      );
      byFamily.set(family, table);
      this.packages.set(dir, byFamily);
      this.packagesByFiles.set(table.files, table);
    }
    this.recorder.record(table.listKey);
    return table;
  }

  /** The package whose file list `files` is (a module target made by `packageOf`), without recording anything. */
  packageWithFiles(files: readonly string[]): PackageTable | undefined {
    return this.packagesByFiles.get(files);
  }

  /**
   * The first symbol, in package order, named or qualified as `key` that `accept` takes, in the files of `pkg` other
   * than `skip`. Like opening each file in turn, it reads every file up to the one that has it, or all of them.
   */
  findInPackage(
    pkg: PackageTable,
    key: string,
    accept: (s: IndexedSymbol) => boolean,
    skip: string | null = null,
  ): { symbol: IndexedSymbol; file: string } | null {
    let found = null as { symbol: IndexedSymbol; file: string } | null;
    const position = pkg.firstDefiner(key, (p) => {
      const file = pkg.files[p]!;
      const symbol = file === skip ? undefined : this.namesOf(file)?.first(key, accept);
      if (symbol != null) found = { symbol, file };
      return symbol != null;
    });
    const read = position < 0 ? pkg.files.length : position + 1;
    this.recorder.recordPrefix(pkg.fileKeys, read);
    for (const p of pkg.unloaded) if (p < read) this.recorder.misses.add(pkg.files[p]!);
    return found;
  }

  /** The symbols of `path` by name; reading them is a dependency on the file, like `files.get`. */
  names(path: string): SymbolNameIndex | undefined {
    return this.files.get(path) == null ? undefined : this.namesOf(path);
  }

  /**
   * The top-level symbol of `path` named `name` that `accept` takes (first in symbol order). A member qualified by
   * an owner that is not a symbol (`obj.method`, a Go `T.Method`) is not top-level under its bare name.
   */
  topLevel(path: string, name: string, accept: (s: IndexedSymbol) => boolean = () => true): IndexedSymbol | undefined {
    return this.names(path)?.first(
      name,
      (s) => s.parent == null && s.name === name && s.qualifiedName === name && accept(s),
    );
  }

  /** Index of `symbol` among the symbols of `path`, or -1. */
  symbolIndex(path: string, symbol: IndexedSymbol): number {
    return this.names(path)?.indexOf(symbol) ?? -1;
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
    return this.names(path)?.first(qualifiedName, (s) => s.qualifiedName === qualifiedName);
  }

  private loaded(path: string): IndexedFile | undefined {
    return Map.prototype.get.call(this.files, path) as IndexedFile | undefined;
  }

  // A file's entry is replaced, never changed, when it is loaded again: a table built from other symbols is stale.
  private namesOf(path: string): SymbolNameIndex | undefined {
    const symbols = this.loaded(path)?.symbols;
    if (symbols == null) return undefined;
    let names = this.nameIndexes.get(path);
    if (names?.symbols !== symbols) {
      names = new SymbolNameIndex(symbols);
      this.nameIndexes.set(path, names);
    }
    return names;
  }

  private dropPackages(dir: string): void {
    for (const table of this.packages.get(dir)?.values() ?? []) this.packagesByFiles.delete(table.files);
    this.packages.delete(dir);
  }
}
