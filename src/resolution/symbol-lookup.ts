import { bindImports, languageFamily, type FileBindings, type NameBinding } from './bind-imports.js';
import type { Resolution } from './resolution.js';
import type { ModuleTarget } from './module-target.js';
import type { RepoLayout } from './read-repo-layout.js';
import { parentDir, TYPE_KINDS, type IndexedSymbol, type RepoIndex } from './repo-index.js';
import { GO_EXTENSIONS } from './resolve-package-import.js';
import { statedTypeName } from './stated-type-name.js';
import type { StatedVia } from '../parsers/parsed-file.js';

/** A symbol together with the file that defines it. */
export interface FoundSymbol {
  symbol: IndexedSymbol;
  file: string;
}

/** A found symbol and how it was found. */
export interface Resolved extends FoundSymbol {
  resolution: Resolution;
}

/** What the code states about an attribute of a class: the class that states it and the type (or callee). */
export interface StatedAttribute {
  owner: FoundSymbol;
  typeName: string;
  via: StatedVia | null;
  /** The symbol around the statement in the owner's file (where its callee or expression is evaluated). */
  scope: number | null;
}

/** A call written in the code, split into its callee name and receiver text. */
export interface WrittenCall {
  callee: string;
  receiver: string | null;
}

type Accept = (s: IndexedSymbol) => boolean;

interface PackageBindings {
  keys: string[];
  followers: { file: string; keysRead: number }[];
}

const MAX_HOPS = 4;
const MAX_NESTING = 32;
const SAME_PACKAGE_EXTENSIONS: Record<string, readonly string[]> = {
  go: GO_EXTENSIONS,
  jvm: ['.java', '.kt', '.kts', '.scala'],
};

/** Symbol lookups across files: exports (following re-exports), types, members (following bases), scopes. */
export class SymbolLookup {
  // Cached answers keep the dependency keys read to compute them, so every later user depends on them too.
  private readonly bindingCache = new Map<string, { bindings: FileBindings; keys: Set<string> }>();
  private readonly baseCache = new Map<string, { bases: FoundSymbol[]; keys: Set<string> }>();
  private readonly packageBindings = new WeakMap<readonly string[], PackageBindings>();
  private readonly openBases: string[] = [];
  private readonly cyclicBases = new Set<string>();
  // Type and member lookups call each other (dotted base names, inherited members); this bounds pathological cycles.
  private nesting = 0;

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
        return file == null
          ? { imports: [], modules: new Map(), names: new Map(), wildcards: [], unresolved: 0 }
          : bindImports(file, this.index, this.layout);
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
  findInScope(
    file: string,
    scope: number | null,
    name: string,
    accept: (s: IndexedSymbol) => boolean,
  ): FoundSymbol | null {
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

  /** A top-level symbol named `name` in another file of the same Go or JVM package (same directory). */
  findInPackage(file: string, name: string, accept: (s: IndexedSymbol) => boolean): FoundSymbol | null {
    const extensions = SAME_PACKAGE_EXTENSIONS[languageFamily(this.index.files.get(file)?.language ?? null)];
    if (extensions == null) return null;
    const pkg = this.index.packageOf(parentDir(file), extensions);
    return this.index.findInPackage(pkg, name, (s) => s.parent == null && s.name === name && accept(s), file);
  }

  /** Resolves a type name (`Foo`, `mod.Foo`) as seen from `scope` in `file`. */
  findType(file: string, scope: number | null, typeName: string): Resolved | null {
    const name = typeName.replace(/<.*$/, '').replace(/^\*|\(\)$/g, '');
    const bindings = this.bindingsOf(file);
    const dot = name.lastIndexOf('.');
    if (dot > 0) {
      const head = name.slice(0, dot);
      const module = bindings.modules.get(head);
      const found = module == null ? null : this.findExport(module, name.slice(dot + 1));
      if (found != null) return { ...found, resolution: 'module-alias' };
      const owner = this.findType(file, scope, head);
      const member = owner == null ? null : this.findMember(owner, name.slice(dot + 1));
      return member == null || owner == null ? null : { ...member, resolution: owner.resolution };
    }
    const isType = (s: IndexedSymbol): boolean => TYPE_KINDS.has(s.kind);
    const local = this.findInScope(file, scope, name, isType);
    if (local != null) return { ...local, resolution: 'same-file' };
    return this.findImported(file, name, isType);
  }

  /** A name visible in `file` through its imports, wildcard imports or its Go/JVM package. */
  findImported(file: string, name: string, accept: (s: IndexedSymbol) => boolean): Resolved | null {
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

  /** The member `name` of a type, searching its base types (depth-bounded) when it has none of its own. */
  findMember(owner: FoundSymbol, name: string, depth = 0): FoundSymbol | null {
    const own = this.index.member(owner.file, owner.symbol.qualifiedName, name);
    if (own != null) return { symbol: own, file: owner.file };
    const goMethod = this.findInPackageMember(owner, name);
    if (goMethod != null) return goMethod;
    if (depth >= MAX_HOPS) return null;
    if (this.nesting > MAX_NESTING) {
      // A cut by depth depends on how deep the question was asked: answers above it must not be cached either.
      for (const open of this.openBases) this.cyclicBases.add(open);
      return null;
    }
    const ownerIndex = this.index.symbolIndex(owner.file, owner.symbol);
    this.nesting++;
    try {
      for (const base of this.basesOf(owner.file, ownerIndex)) {
        const found = this.findMember(base, name, depth + 1);
        if (found != null) return found;
      }
      return null;
    } finally {
      this.nesting--;
    }
  }

  /** The resolved base types of the symbol at `symbolIndex` in `file` (computed once per symbol). */
  basesOf(file: string, symbolIndex: number): FoundSymbol[] {
    const key = `${file}\n${symbolIndex}`;
    const cached = this.baseCache.get(key);
    if (cached != null) {
      this.index.recorder.recordCached(cached.keys);
      return cached.bases;
    }
    // A cycle of base types is cut where it closes. Answers computed inside a cycle depend on where the question
    // entered it, so none of them is cached: every question gets the answer it would get first.
    const open = this.openBases.indexOf(key);
    if (open >= 0) {
      for (let i = open; i < this.openBases.length; i++) this.cyclicBases.add(this.openBases[i]!);
      return [];
    }
    this.openBases.push(key);
    const { value, keys } = this.index.recorder.capture(() => {
      const indexed = this.index.files.get(file);
      const symbol = indexed?.symbols[symbolIndex];
      if (indexed == null || symbol == null) return [];
      return indexed.bases
        .filter((b) => b.symbol === symbolIndex)
        .map((b) => this.findType(file, symbol.parent, b.base))
        .filter((b): b is Resolved => b != null && b.symbol !== symbol);
    });
    this.openBases.pop();
    if (!this.cyclicBases.delete(key)) this.baseCache.set(key, { bases: value, keys });
    this.index.recorder.recordCached(keys);
    return value;
  }

  /**
   * What the code states about attribute `attribute` of `owner`, or of its nearest base that states something.
   * Annotations win over assignments (`x: Base = new Impl()` is a `Base`). Null when nothing is stated, or when
   * the statements of one class disagree.
   */
  findAttributeType(owner: FoundSymbol, attribute: string, depth = 0): StatedAttribute | null {
    const ownerIndex = this.index.symbolIndex(owner.file, owner.symbol);
    const all = this.index.attributeTypes(owner.file, ownerIndex, attribute);
    if (all.length > 0) {
      const annotated = all.filter((s) => s.via == null);
      const stated = annotated.length > 0 ? annotated : all;
      const first = stated[0];
      const agree = stated.every((s) => s.typeName === first?.typeName && s.via === first.via);
      return agree && first != null ? { owner, typeName: first.typeName, via: first.via, scope: first.scope } : null;
    }
    if (depth >= MAX_HOPS || this.nesting > MAX_NESTING) return null;
    this.nesting++;
    try {
      for (const base of this.basesOf(owner.file, ownerIndex)) {
        const found = this.findAttributeType(base, attribute, depth + 1);
        if (found != null) return found;
      }
      return null;
    } finally {
      this.nesting--;
    }
  }

  /**
   * The type a call to `target` evaluates to: the class itself for a constructor (found the way the call was),
   * else its stated return type.
   */
  typeOfCallTo(target: Resolved): Resolved | null {
    if (TYPE_KINDS.has(target.symbol.kind)) return target;
    const stated = this.index.returnType(target.file, this.index.symbolIndex(target.file, target.symbol));
    const name = stated == null ? null : statedTypeName(stated);
    const type =
      name == null ? null : this.findType(target.file, this.index.symbolIndex(target.file, target.symbol), name);
    return type == null ? null : { ...type, resolution: 'receiver-type' };
  }

  /**
   * The type a statement in `file` gives a name: the type named `typeName` as seen from `scope`, or with `via`
   * `call` the result of calling `typeName`, resolved by `resolveCall` (which knows the calling context). A
   * constructor call to something that is not a type (a capitalised factory function) falls back to its return
   * type. `value` statements are evaluated by the caller, which knows the expression's context.
   */
  typeOfStatement(
    file: string,
    scope: number | null,
    typeName: string,
    via: StatedVia | null,
    resolveCall: (call: WrittenCall) => Resolved | null,
  ): Resolved | null {
    if (via === 'value') return null;
    if (via !== 'call') {
      const name = statedTypeName(typeName);
      const type = name == null ? null : this.findType(file, scope, name);
      if (type != null || name == null) return type;
    }
    const dot = typeName.lastIndexOf('.');
    const call =
      dot < 0
        ? { callee: typeName, receiver: null }
        : { callee: typeName.slice(dot + 1), receiver: typeName.slice(0, dot) };
    const target = resolveCall(call);
    return target == null ? null : this.typeOfCallTo(target);
  }

  private findInPackageMember(owner: FoundSymbol, name: string): FoundSymbol | null {
    if (languageFamily(this.index.files.get(owner.file)?.language ?? null) !== 'go') return null;
    const qualifiedName = `${owner.symbol.qualifiedName}.${name}`;
    const pkg = this.index.packageOf(parentDir(owner.file), GO_EXTENSIONS);
    return this.index.findInPackage(pkg, qualifiedName, (s) => s.qualifiedName === qualifiedName);
  }
}
