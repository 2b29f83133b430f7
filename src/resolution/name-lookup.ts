import { parentDir } from '../parsers/repo-path.js';
import { bindImports } from './bind-imports.js';
import { emptyBindings, type FileBindings, type NameBinding } from './file-bindings.js';
import type { IndexedSymbol } from './indexed-file.js';
import { rulesFor } from './languages/index.js';
import type { ModuleTarget } from './module-target.js';
import type { RepoIndex } from './repo-index.js';
import type { RepoLayout } from './repo-layout.js';
import type { Resolution } from './resolution.js';

/** A symbol together with the file that defines it. */
export interface FoundSymbol {
  symbol: IndexedSymbol;
  file: string;
}

/** A found symbol and how it was found. */
export interface Resolved extends FoundSymbol {
  resolution: Resolution;
}

/** A test a lookup applies to the symbols it finds. */
export type Accept = (s: IndexedSymbol) => boolean;

interface PackageBindings {
  keys: string[];
  followers: { file: string; keysRead: number }[];
}

/** How many re-exports and bases a lookup follows. */
export const MAX_HOPS = 4;

/** Lookups of names: in a file's scopes, through its imports, in its package, and exported by a module. */
export class NameLookup {
  // Cached answers keep the dependency keys read to compute them, so every later user depends on them too.
  private readonly bindingCache = new Map<string, { bindings: FileBindings; keys: Set<string> }>();
  private readonly packageBindings = new WeakMap<readonly string[], PackageBindings>();

  constructor(
    readonly index: RepoIndex,
    readonly layout: RepoLayout,
  ) {}

  /** The import bindings of `path`, computed once. */
  bindingsOf(path: string): FileBindings {
    let cached = this.bindingCache.get(path);
    if (cached == null) {
      const { value, keys } = this.index.recorder.capture(() => {
        const file = this.index.files.get(path);
        return file == null ? emptyBindings() : bindImports(file, this.index, this.layout);
      });
      cached = { bindings: value, keys };
      this.bindingCache.set(path, cached);
    }
    this.index.recorder.recordCached(cached.keys);
    return cached.bindings;
  }

  /**
   * What following re-exports through the files of a package reads: the keys of each file's bindings, in file
   * order, and the files that bind names to follow (Go dot imports), each with the number of keys read up to it.
   */
  private packageBindingsOf(files: readonly string[]): PackageBindings {
    let cached = this.packageBindings.get(files);
    if (cached == null) {
      cached = { keys: [], followers: [] };
      for (const file of files) {
        const { value: bindings, keys } = this.index.recorder.capture(() => this.bindingsOf(file));
        cached.keys.push(...keys);
        if (bindings.names.size > 0 || bindings.wildcards.length > 0) {
          cached.followers.push({ file, keysRead: cached.keys.length });
        }
      }
      this.packageBindings.set(files, cached);
    }
    return cached;
  }

  /**
   * The symbol a module exports as `name` (dotted for members) that `accept` takes (declaration merging gives one
   * name several symbols), following re-exports through bindings.
   */
  findExport(target: ModuleTarget, name: string, hops = 0, accept: Accept = () => true): FoundSymbol | null {
    const exported: Accept = name.includes('.')
      ? (s) => s.qualifiedName === name && accept(s)
      : (s) => s.parent == null && s.name === name && s.qualifiedName === name && accept(s);
    const pkg = this.index.packageWithFiles(target.files);
    if (pkg != null) {
      const found = this.index.findInPackage(pkg, name, exported);
      if (found != null) return found;
    } else {
      for (const file of target.files) {
        const symbol = this.index.names(file)?.first(name, exported);
        if (symbol != null) return { symbol, file };
      }
    }
    if (hops >= MAX_HOPS) return null;
    if (pkg == null) return this.findReexport(target.files, name, hops, accept);
    // Only the files that bind names are followed, each after the bindings of the files up to it, as a loop would.
    const bindings = this.packageBindingsOf(pkg.files);
    for (const { file, keysRead } of bindings.followers) {
      this.index.recorder.recordPrefix(bindings.keys, keysRead);
      const found = this.findReexport([file], name, hops, accept);
      if (found != null) return found;
    }
    this.index.recorder.recordPrefix(bindings.keys, bindings.keys.length);
    return null;
  }

  private findReexport(files: readonly string[], name: string, hops: number, accept: Accept): FoundSymbol | null {
    for (const file of files) {
      const bindings = this.bindingsOf(file);
      const head = name.split('.')[0] ?? name;
      const binding = bindings.names.get(head);
      if (binding != null) {
        const rest = name.slice(head.length);
        const found = this.findExport(binding.target, binding.name + rest, hops + 1, accept);
        if (found != null) return found;
      }
      for (const wildcard of bindings.wildcards) {
        const found = this.findExport(wildcard, name, hops + 1, accept);
        if (found != null) return found;
      }
    }
    return null;
  }

  /** The symbol a name binding denotes; a JS default import is matched by its local name or a sole export. */
  findBinding(binding: NameBinding, localName: string, accept: Accept = () => true): FoundSymbol | null {
    if (binding.name !== 'default') return this.findExport(binding.target, binding.name, 0, accept);
    const anonymous = this.findExport(binding.target, 'default', 0, accept);
    if (anonymous != null) return anonymous;
    const byName = this.findExport(binding.target, localName, 0, accept);
    if (byName != null) return byName;
    for (const file of binding.target.files) {
      const exported =
        this.index.files
          .get(file)
          ?.symbols.filter((s) => s.parent == null && s.kind !== 'method' && s.qualifiedName === s.name) ?? [];
      if (exported.length === 1 && exported[0] != null && accept(exported[0])) return { symbol: exported[0], file };
    }
    return null;
  }

  /** A symbol named `name` visible from `scope` (index into the file's symbols, null for module level). */
  findInScope(file: string, scope: number | null, name: string, accept: Accept): FoundSymbol | null {
    const names = this.index.names(file);
    const symbols = names?.symbols ?? [];
    let current: number | null = scope;
    for (let guard = 0; guard <= symbols.length; guard++) {
      const parent = current;
      const symbol = names?.first(name, (s) => s.parent === parent && s.name === name && accept(s));
      if (symbol != null) return { symbol, file };
      if (current == null) return null;
      current = symbols[current]?.parent ?? null;
    }
    return null;
  }

  /** A top-level symbol named `name` in another file of the same package (same directory), where files share one. */
  findInPackage(file: string, name: string, accept: Accept): FoundSymbol | null {
    const extensions = rulesFor(this.index.files.get(file)?.language ?? null).packageExtensions;
    if (extensions == null) return null;
    const pkg = this.index.packageOf(parentDir(file), extensions);
    return this.index.findInPackage(pkg, name, (s) => s.parent == null && s.name === name && accept(s), file);
  }

  /** A name visible in `file` through its imports, wildcard imports or its package. */
  findImported(file: string, name: string, accept: Accept): Resolved | null {
    const bindings = this.bindingsOf(file);
    const binding = bindings.names.get(name);
    const bound = binding == null ? null : this.findBinding(binding, name, accept);
    if (bound != null && binding != null)
      return { ...bound, resolution: binding.name === 'default' ? 'default-import' : 'import' };
    for (const wildcard of bindings.wildcards) {
      const found = this.findExport(wildcard, name);
      if (found != null && accept(found.symbol)) return { ...found, resolution: 'import' };
    }
    const sibling = this.findInPackage(file, name, accept);
    return sibling == null ? null : { ...sibling, resolution: 'same-package' };
  }
}
