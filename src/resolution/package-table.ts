import { dependencyKey } from './dependency-keys.js';
import type { IndexedSymbol } from './indexed-file.js';

/**
 * The files of one package (the files of a directory with one of a language family's extensions, in listing order)
 * and which of them define a name, so a lookup across the package opens only the files that can answer it. Built
 * once from files that no longer change; the index drops it when a file of the directory is added or loaded.
 */
export class PackageTable {
  /** The `l:` dependency key of the directory: which files the package has. */
  readonly listKey: string;
  /** The `s:` dependency key of each file, in file order: a lookup reads the files up to the one that answers. */
  readonly fileKeys: readonly string[];
  /** Positions of the files that are known but not loaded (an incremental run loads files on demand). */
  readonly unloaded: readonly number[];
  private readonly definers = new PositionsByKey();

  constructor(
    dir: string,
    readonly files: readonly string[],
    fileKey: (path: string) => string,
    symbolsOf: (path: string) => readonly IndexedSymbol[] | undefined,
  ) {
    this.listKey = dependencyKey('list', dir);
    this.fileKeys = files.map(fileKey);
    const unloaded: number[] = [];
    files.forEach((file, position) => {
      const symbols = symbolsOf(file);
      if (symbols == null) unloaded.push(position);
      for (const s of symbols ?? []) {
        if (s.parent == null) this.definers.add(s.name, position);
        this.definers.add(s.qualifiedName, position);
      }
    });
    this.unloaded = unloaded;
  }

  /**
   * The first position, in file order, of a file with a top-level symbol named `key` or any symbol qualified as
   * `key` that `test` takes, or -1.
   */
  firstDefiner(key: string, test: (position: number) => boolean): number {
    return this.definers.first(key, test);
  }
}

/** Positions in a list by key: a lone position stays a number, so a key held once costs no array. */
class PositionsByKey {
  private readonly positions = new Map<string, number | number[]>();

  /** Appends `position` to the positions of `key` unless it is already the last one. */
  add(key: string, position: number): void {
    const list = this.positions.get(key);
    if (list == null) this.positions.set(key, position);
    else if (typeof list === 'number') {
      if (list !== position) this.positions.set(key, [list, position]);
    } else if (list.at(-1) !== position) list.push(position);
  }

  /** The first position of `key`, in the order they were added, that `test` takes, or -1. */
  first(key: string, test: (position: number) => boolean): number {
    const list = this.positions.get(key);
    if (list == null) return -1;
    if (typeof list === 'number') return test(list) ? list : -1;
    for (const position of list) if (test(position)) return position;
    return -1;
  }
}
