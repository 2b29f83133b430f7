import type { CallRef, LocalTypeRef, ParsedFile } from '../parsers/parsed-file.js';
import { enclosingType, innermostSymbol } from './file-scopes.js';
import { TYPE_KINDS, type IndexedSymbol } from './indexed-file.js';
import { rulesFor } from './languages/index.js';
import type { Resolved } from './name-lookup.js';
import { ReceiverTypes, type FileContext } from './receiver-types.js';
import { plainReceiver } from './stated-type-name.js';
import type { SymbolLookup, WrittenCall } from './symbol-lookup.js';

const SUPER_RECEIVERS = new Set(['super', 'super()']);

/** Resolves the calls of one file: bare names through scopes and imports, members through receiver types. */
export class CallResolver {
  readonly file: FileContext;
  private readonly bound = new Map<string, Resolved>();
  private readonly types: ReceiverTypes;

  constructor(
    readonly lookup: SymbolLookup,
    parsed: ParsedFile,
  ) {
    this.file = {
      lookup,
      path: parsed.relativePath,
      symbols: lookup.index.files.get(parsed.relativePath)?.symbols ?? [],
      rules: rulesFor(parsed.language),
      bound: this.bound,
    };
    this.types = new ReceiverTypes(this.file, parsed.localTypes, (call, caller, depth) =>
      this.resolveCall(call, caller, depth),
    );
  }

  /** The caller of a call: the parser's byte-containment caller, else (older records) the innermost by lines. */
  callerOf(call: CallRef): number | null {
    return call.caller !== undefined ? call.caller : innermostSymbol(this.file.symbols, call.line);
  }

  /**
   * Every target of a call: one, or one per class when the call goes through a loop variable over a literal tuple
   * or list of classes (`for cls in (A, B): cls().m()` calls `A.m` and `B.m`). A literal with anything but
   * classes gives none.
   */
  resolveAll(call: CallRef, caller: number | null): Resolved[] {
    const name = call.receiver == null ? call.callee : /^[A-Za-z_$][\w$]*/.exec(call.receiver)?.[0];
    const loop = name == null ? null : this.types.localTypeOf(name, caller, call.line);
    if (name == null || loop?.via !== 'each') {
      const target = this.resolveCall(call, caller);
      return target == null ? [] : [target];
    }
    const targets: Resolved[] = [];
    for (const cls of this.loopClasses(loop, caller)) {
      this.bound.set(name, cls);
      try {
        const target = this.resolveCall(call, caller);
        if (target != null && !targets.some((t) => t.symbol === target.symbol)) targets.push(target);
      } finally {
        this.bound.delete(name);
      }
    }
    return targets;
  }

  private loopClasses(loop: LocalTypeRef, caller: number | null): Resolved[] {
    const names = loop.typeName
      .replace(/^[([]|[)\]]$/g, '')
      .split(',')
      .map((n) => n.trim())
      .filter((n) => n !== '');
    const classes = names.map((n) => (/^[\w.]+$/.test(n) ? this.lookup.findType(this.file.path, caller, n) : null));
    return classes.every((c) => c != null)
      ? (classes as Resolved[]).map((c) => ({ ...c, resolution: 'receiver-type' }))
      : [];
  }

  /** The target of one written call from `caller`, or null. */
  resolveCall(call: WrittenCall & { line: number }, caller: number | null, depth = 0): Resolved | null {
    const { rules, path } = this.file;
    if (call.receiver != null) return this.resolveMemberCall(call.receiver, call.callee, caller, call.line, depth);
    const bound = this.bound.get(call.callee);
    if (bound != null) return bound;
    if (call.callee === rules.ownClassCallee) return this.ownClass(caller);
    if (call.callee === rules.superConstructorCallee) return this.superConstructor(caller);
    const accept = (s: IndexedSymbol): boolean =>
      (s.kind !== 'method' || rules.bareMethodCalls) && this.isPlain(s) && this.isCallable(s);
    const local = this.lookup.findInScope(path, caller, call.callee, accept);
    if (local != null) return { ...local, resolution: local.symbol.kind === 'method' ? 'self' : 'same-file' };
    return this.lookup.findImported(path, call.callee, (s) => this.isCallable(s));
  }

  // A name seen only where it is defined: an object-literal member (`obj.m`) or an assigned member
  // (`X.y = function`) is reached through its owner, never by its bare name.
  private isPlain(s: IndexedSymbol): boolean {
    if (!this.file.rules.ownerQualifiedMembers) return true;
    const parent = s.parent == null ? null : this.file.symbols[s.parent];
    return s.qualifiedName === (parent == null ? s.name : `${parent.qualifiedName}.${s.name}`);
  }

  /** A call of the own-class name (Python `cls()` in a class method) constructs the class it is defined in. */
  private ownClass(caller: number | null): Resolved | null {
    const { symbols, path } = this.file;
    const typeIndex = enclosingType(symbols, caller);
    const type = typeIndex == null ? undefined : symbols[typeIndex];
    return type == null ? null : { symbol: type, file: path, resolution: 'self' };
  }

  // Where only some kinds can be called, a merged value of the same name is the callee (`interface E` plus
  // `const E = createErrorClass(…)` has no callable symbol at all).
  private isCallable(s: IndexedSymbol): boolean {
    return this.file.rules.callableKinds?.has(s.kind) ?? true;
  }

  private superConstructor(caller: number | null): Resolved | null {
    const typeIndex = enclosingType(this.file.symbols, caller);
    // The base class, not an implemented interface (`class A extends B implements I` lists both).
    const base =
      typeIndex == null
        ? undefined
        : this.lookup.basesOf(this.file.path, typeIndex).find((b) => b.symbol.kind === 'class');
    return base == null ? null : { ...base, resolution: 'super' };
  }

  private resolveMemberCall(
    receiver: string,
    callee: string,
    caller: number | null,
    line: number,
    depth: number,
  ): Resolved | null {
    const self = this.file.rules.selfReceivers.includes(receiver);
    if (self) {
      const sibling = this.objectSibling(caller, callee);
      if (sibling !== undefined) return sibling;
    }
    if (SUPER_RECEIVERS.has(receiver)) {
      const typeIndex = enclosingType(this.file.symbols, caller);
      if (typeIndex == null) return null;
      for (const base of this.lookup.basesOf(this.file.path, typeIndex)) {
        const found = this.lookup.findMember(base, callee);
        if (found != null) return { ...found, resolution: 'super' };
      }
      return null;
    }
    const module = this.lookup.bindingsOf(this.file.path).modules.get(receiver);
    if (module != null) {
      const found = this.lookup.findExport(module, callee, 0, (s) => this.isCallable(s));
      return found == null ? null : { ...found, resolution: 'module-alias' };
    }
    const owner = this.types.receiverType(receiver, caller, line, depth);
    if (owner != null) {
      const member = this.lookup.findMember(owner, callee);
      return member == null ? null : { ...member, resolution: owner.resolution };
    }
    return self ? null : this.objectMember(receiver, callee, caller);
  }

  /**
   * `this.m()` inside an object-literal method (`obj.a`) or an assigned member (`X.prototype.a`) calls the member
   * `m` of the same owner. Undefined when the caller is not such a member (the enclosing class decides then).
   */
  private objectSibling(caller: number | null, callee: string): Resolved | null | undefined {
    const { symbols, path, rules } = this.file;
    for (let current = caller, guard = 0; current != null && guard <= symbols.length; guard++) {
      const symbol = symbols[current];
      if (symbol == null || TYPE_KINDS.has(symbol.kind)) return undefined;
      if (symbol.kind === 'method' && !this.isPlain(symbol) && rules.objectLiterals) {
        const owner = symbol.qualifiedName.slice(0, -(symbol.name.length + 1));
        const found = this.lookup.index.member(path, owner, callee);
        return found == null ? null : { symbol: found, file: path, resolution: 'self' };
      }
      current = symbol.parent;
    }
    return undefined;
  }

  /** `obj.m()` where `obj` is an object literal (or an owner of assigned members) defined in scope or imported. */
  private objectMember(receiver: string, callee: string, caller: number | null): Resolved | null {
    const { symbols, path, rules } = this.file;
    if (!rules.objectLiterals || plainReceiver(receiver) !== receiver) return null;
    for (let scope = caller, guard = 0; guard <= symbols.length; guard++) {
      const prefix = scope == null ? receiver : `${symbols[scope]?.qualifiedName ?? ''}.${receiver}`;
      const found = this.lookup.index.member(path, prefix, callee);
      if (found != null) return { symbol: found, file: path, resolution: 'same-file' };
      if (scope == null) break;
      scope = symbols[scope]?.parent ?? null;
    }
    const head = receiver.split('.')[0] ?? receiver;
    const binding = this.lookup.bindingsOf(path).names.get(head);
    if (binding == null) return null;
    const dotted = `${binding.name}${receiver.slice(head.length)}.${callee}`;
    const found = this.lookup.findExport(binding.target, dotted);
    return found == null ? null : { ...found, resolution: 'import' };
  }
}
