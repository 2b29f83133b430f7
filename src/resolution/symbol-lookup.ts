import type { StatedVia } from '../parsers/parsed-file.js';
import { parentDir } from '../parsers/repo-path.js';
import { TYPE_KINDS, type IndexedSymbol } from './indexed-file.js';
import { rulesFor } from './languages/index.js';
import { MAX_HOPS, NameLookup, type FoundSymbol, type Resolved } from './name-lookup.js';
import { statedTypeName } from './stated-type-name.js';

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

const MAX_NESTING = 32;

/**
 * Symbol lookups across files: names (see `NameLookup`), then types, members (following bases), the stated types
 * of attributes, and what a call evaluates to.
 */
export class SymbolLookup extends NameLookup {
  // Cached answers keep the dependency keys read to compute them, so every later user depends on them too.
  private readonly baseCache = new Map<string, { bases: FoundSymbol[]; keys: Set<string> }>();
  private readonly openBases: string[] = [];
  private readonly cyclicBases = new Set<string>();
  // Type and member lookups call each other (dotted base names, inherited members); this bounds pathological cycles.
  private nesting = 0;

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

  /** The member `name` of a type, searching its base types (depth-bounded) when it has none of its own. */
  findMember(owner: FoundSymbol, name: string, depth = 0): FoundSymbol | null {
    const own = this.index.member(owner.file, owner.symbol.qualifiedName, name);
    if (own != null) return { symbol: own, file: owner.file };
    const packageMethod = this.findPackageMember(owner, name);
    if (packageMethod != null) return packageMethod;
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

  // Go declares a type's methods in any file of its package.
  private findPackageMember(owner: FoundSymbol, name: string): FoundSymbol | null {
    const rules = rulesFor(this.index.files.get(owner.file)?.language ?? null);
    if (!rules.methodsAcrossPackage || rules.packageExtensions == null) return null;
    const qualifiedName = `${owner.symbol.qualifiedName}.${name}`;
    const pkg = this.index.packageOf(parentDir(owner.file), rules.packageExtensions);
    return this.index.findInPackage(pkg, qualifiedName, (s) => s.qualifiedName === qualifiedName);
  }
}
