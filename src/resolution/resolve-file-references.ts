import type { CallRef, LocalTypeRef, ParsedFile } from '../parsers/parsed-file.js';
import { languageFamily, type LanguageFamily } from './bind-imports.js';
import type { Resolution } from './resolution.js';
import { LocalBindings } from './local-bindings.js';
import { TYPE_KINDS, type IndexedSymbol } from './repo-index.js';
import { callReceiver, plainReceiver } from './stated-type-name.js';
import type { FoundSymbol, Resolved, SymbolLookup, WrittenCall } from './symbol-lookup.js';

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

const SELF_RECEIVERS: Record<LanguageFamily, string[]> = {
  python: ['self', 'cls'],
  js: ['this'],
  go: [],
  jvm: ['this'],
  other: ['this', 'self', 'Self'],
};
const SUPER_RECEIVERS = new Set(['super', 'super()']);
// Receivers are evaluated a few steps deep at most (`self.a.b`, a local from a call whose result is a local, …).
const MAX_TYPE_DEPTH = 4;

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

function enclosingType(symbols: readonly IndexedSymbol[], from: number | null): number | null {
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
  readonly path: string;
  /** Loop variables bound to one class of their literal while a call is resolved for each (see `resolveAll`). */
  private readonly bound = new Map<string, Resolved>();
  private readonly locals: LocalBindings;

  constructor(
    readonly lookup: SymbolLookup,
    readonly file: ParsedFile,
  ) {
    this.symbols = lookup.index.files.get(file.relativePath)?.symbols ?? [];
    this.family = languageFamily(file.language);
    this.path = file.relativePath;
    this.locals = new LocalBindings(file.localTypes, (t) =>
      t.scope !== undefined ? t.scope : innermostSymbol(this.symbols, t.line),
    );
  }

  /** The caller of a call: the parser's byte-containment caller, else (older records) the innermost by lines. */
  callerOf(call: CallRef): number | null {
    return call.caller !== undefined ? call.caller : innermostSymbol(this.symbols, call.line);
  }

  /**
   * Every target of a call: one, or one per class when the call goes through a loop variable over a literal tuple
   * or list of classes (`for cls in (A, B): cls().m()` calls `A.m` and `B.m`). A literal with anything but
   * classes gives none.
   */
  resolveAll(call: CallRef, caller: number | null): Resolved[] {
    const name = call.receiver == null ? call.callee : /^[A-Za-z_$][\w$]*/.exec(call.receiver)?.[0];
    const loop = name == null ? null : this.localTypeOf(name, caller, call.line);
    if (name == null || loop?.via !== 'each') {
      const target = this.resolveCall(call, caller);
      return target == null ? [] : [target];
    }
    const classes = this.loopClasses(loop, caller);
    const targets: Resolved[] = [];
    for (const cls of classes) {
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
    const classes = names.map((n) => (/^[\w.]+$/.test(n) ? this.lookup.findType(this.path, caller, n) : null));
    return classes.every((c) => c != null)
      ? (classes as Resolved[]).map((c) => ({ ...c, resolution: 'receiver-type' }))
      : [];
  }

  resolveCall(call: WrittenCall & { line: number }, caller: number | null, depth = 0): Resolved | null {
    if (call.receiver == null) {
      const bound = this.bound.get(call.callee);
      if (bound != null) return bound;
      if (this.family === 'python' && call.callee === 'cls') return this.ownClass(caller);
      if (call.callee === 'super' && this.family === 'js') return this.superConstructor(caller);
      // JVM-like languages call sibling methods without `this.`; Python and JS cannot.
      const methodsVisible = this.family === 'jvm' || this.family === 'other';
      const accept = (s: IndexedSymbol): boolean =>
        (s.kind !== 'method' || methodsVisible) && this.isPlain(s) && this.isCallable(s);
      const local = this.lookup.findInScope(this.path, caller, call.callee, accept);
      if (local != null) return { ...local, resolution: local.symbol.kind === 'method' ? 'self' : 'same-file' };
      return this.lookup.findImported(this.path, call.callee, (s) => this.isCallable(s));
    }
    return this.resolveMemberCall(call.receiver, call.callee, caller, call.line, depth);
  }

  // Python and JS see a name only where it is defined; an object-literal member (`obj.m`) or an assigned member
  // (`X.y = function`) is reached through its owner, never by its bare name.
  private isPlain(s: IndexedSymbol): boolean {
    if (this.family !== 'python' && this.family !== 'js') return true;
    const parent = s.parent == null ? null : this.symbols[s.parent];
    return s.qualifiedName === (parent == null ? s.name : `${parent.qualifiedName}.${s.name}`);
  }

  /** `cls()` in a Python class method constructs the class it is defined in. */
  private ownClass(caller: number | null): Resolved | null {
    const typeIndex = enclosingType(this.symbols, caller);
    const type = typeIndex == null ? undefined : this.symbols[typeIndex];
    return type == null ? null : { symbol: type, file: this.path, resolution: 'self' };
  }

  // In JS an interface, type alias, enum or namespace cannot be called; a merged value of the same name is the
  // callee (`interface E` plus `const E = createErrorClass(…)` has no callable symbol at all).
  private isCallable(s: IndexedSymbol): boolean {
    return this.family !== 'js' || s.kind === 'function' || s.kind === 'method' || s.kind === 'class';
  }

  private superConstructor(caller: number | null): Resolved | null {
    const typeIndex = enclosingType(this.symbols, caller);
    // The base class, not an implemented interface (`class A extends B implements I` lists both).
    const base =
      typeIndex == null ? undefined : this.lookup.basesOf(this.path, typeIndex).find((b) => b.symbol.kind === 'class');
    return base == null ? null : { ...base, resolution: 'super' };
  }

  private resolveMemberCall(
    receiver: string,
    callee: string,
    caller: number | null,
    line: number,
    depth: number,
  ): Resolved | null {
    const self = SELF_RECEIVERS[this.family].includes(receiver);
    if (self) {
      const sibling = this.objectSibling(caller, callee);
      if (sibling !== undefined) return sibling;
    }
    if (SUPER_RECEIVERS.has(receiver)) {
      const typeIndex = enclosingType(this.symbols, caller);
      if (typeIndex == null) return null;
      for (const base of this.lookup.basesOf(this.path, typeIndex)) {
        const found = this.lookup.findMember(base, callee);
        if (found != null) return { ...found, resolution: 'super' };
      }
      return null;
    }
    const module = this.lookup.bindingsOf(this.path).modules.get(receiver);
    if (module != null) {
      const found = this.lookup.findExport(module, callee, 0, (s) => this.isCallable(s));
      return found == null ? null : { ...found, resolution: 'module-alias' };
    }
    const owner = this.receiverType(receiver, caller, line, depth);
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
    for (let current = caller, guard = 0; current != null && guard <= this.symbols.length; guard++) {
      const symbol = this.symbols[current];
      if (symbol == null || TYPE_KINDS.has(symbol.kind)) return undefined;
      if (symbol.kind === 'method' && !this.isPlain(symbol) && this.family === 'js') {
        const owner = symbol.qualifiedName.slice(0, -(symbol.name.length + 1));
        const found = this.lookup.index.member(this.path, owner, callee);
        return found == null ? null : { symbol: found, file: this.path, resolution: 'self' };
      }
      current = symbol.parent;
    }
    return undefined;
  }

  /** `obj.m()` where `obj` is an object literal (or an owner of assigned members) defined in scope or imported. */
  private objectMember(receiver: string, callee: string, caller: number | null): Resolved | null {
    if (this.family !== 'js' || plainReceiver(receiver) !== receiver) return null;
    for (let scope = caller, guard = 0; guard <= this.symbols.length; guard++) {
      const prefix = scope == null ? receiver : `${this.symbols[scope]?.qualifiedName ?? ''}.${receiver}`;
      const found = this.lookup.index.member(this.path, prefix, callee);
      if (found != null) return { symbol: found, file: this.path, resolution: 'same-file' };
      if (scope == null) break;
      scope = this.symbols[scope]?.parent ?? null;
    }
    const head = receiver.split('.')[0] ?? receiver;
    const binding = this.lookup.bindingsOf(this.path).names.get(head);
    if (binding == null) return null;
    const dotted = `${binding.name}${receiver.slice(head.length)}.${callee}`;
    const found = this.lookup.findExport(binding.target, dotted);
    return found == null ? null : { ...found, resolution: 'import' };
  }

  /**
   * The type a receiver expression denotes, when the code states it: `self`/`this`, a local or parameter with a
   * known type, a class named directly, then attributes of those (`self.a.b`), each step through stated types only.
   */
  private receiverType(receiver: string, caller: number | null, line: number, depth: number): Resolved | null {
    if (depth > MAX_TYPE_DEPTH) return null;
    const plain = plainReceiver(receiver);
    if (plain == null) return this.callResultType(receiver, caller, line, depth);
    const parts = plain.split('.');
    const head = parts[0] ?? plain;
    let current: Resolved | null = this.bound.get(head) ?? null;
    if (current == null && SELF_RECEIVERS[this.family].includes(head)) {
      const typeIndex = enclosingType(this.symbols, caller);
      const type = typeIndex == null ? undefined : this.symbols[typeIndex];
      current = type == null ? null : { symbol: type, file: this.path, resolution: 'self' };
      if (current == null) return null;
    } else if (current == null) {
      const local = this.localTypeOf(head, caller, line);
      if (local != null) {
        current = this.typeOfStated(local, caller, line, depth + 1);
        if (current == null) return null;
        current = { ...current, resolution: 'receiver-type' };
      }
    }
    if (current == null) {
      // No value named `head`: the receiver names a type (`Foo.create()`, `mod.Foo.create()`, `Outer.Inner.f()`).
      const scope = caller == null ? null : (this.symbols[caller]?.parent ?? null);
      const typeNamed = this.lookup.findType(this.path, scope, plain);
      if (typeNamed != null) return typeNamed;
      if (parts.length === 1) return null;
      current = this.lookup.findType(this.path, scope, head);
      if (current == null) return null;
    }
    for (const attribute of parts.slice(1)) {
      const next = this.attributeType(current, attribute, depth + 1);
      if (next == null) return null;
      current = { ...next, resolution: 'receiver-type' };
    }
    return current;
  }

  /** The type of a call's result used as a receiver (`make().m()`, `new Foo().m()`, `make().a.m()`). */
  private callResultType(receiver: string, caller: number | null, line: number, depth: number): Resolved | null {
    const call = callReceiver(receiver);
    if (call == null) return null;
    const dot = call.callee.lastIndexOf('.');
    const written =
      dot < 0
        ? { callee: call.callee, receiver: null }
        : { callee: call.callee.slice(dot + 1), receiver: call.callee.slice(0, dot) };
    let current: Resolved | null;
    const bound = this.bound.get(call.callee);
    if (bound != null) {
      current = bound;
    } else if (call.isNew) {
      current = this.lookup.findType(this.path, caller, call.callee);
    } else {
      const target = this.resolveCall({ ...written, line }, caller, depth + 1);
      current = target == null ? null : this.lookup.typeOfCallTo(target);
    }
    for (const attribute of call.attributes) {
      if (current == null) return null;
      const next = this.attributeType(current, attribute, depth + 1);
      current = next == null ? null : { ...next, resolution: 'receiver-type' };
    }
    return current;
  }

  /** The type of attribute `attribute` of `owner` (or its bases), when every statement about it agrees. */
  private attributeType(owner: FoundSymbol, attribute: string, depth: number): Resolved | null {
    const stated = this.lookup.findAttributeType(owner, attribute);
    if (stated == null) return null;
    const { file, symbol } = stated.owner;
    const ownerIndex = this.lookup.index.symbolIndex(file, symbol);
    // Calls and expressions are evaluated only in this file, where their context (scope, lines) is known; another
    // file's attribute counts only when it names a type.
    if (file !== this.path) {
      if (stated.via != null && stated.via !== 'new') return null;
      return this.lookup.typeOfStatement(file, ownerIndex, stated.typeName, stated.via, () => null);
    }
    const scope = stated.scope ?? ownerIndex;
    const line = this.symbols[scope]?.endLine ?? symbol.endLine;
    if (stated.via === 'value') return this.receiverType(stated.typeName, scope, line, depth + 1);
    return this.lookup.typeOfStatement(file, ownerIndex, stated.typeName, stated.via, (call) =>
      this.resolveCall({ ...call, line }, scope, depth + 1),
    );
  }

  /** A stated type of a local as seen from the caller: a type name, or the return type of the callee. */
  private typeOfStated(local: LocalTypeRef, caller: number | null, line: number, depth: number): Resolved | null {
    if (local.via === 'each') return null;
    if (local.via === 'value') return this.receiverType(local.typeName, caller, local.line - 1, depth + 1);
    return this.lookup.typeOfStatement(this.path, caller, local.typeName, local.via ?? null, (call) =>
      this.resolveCall({ ...call, line }, caller, depth + 1),
    );
  }

  // The binding of `variable` visible at the call: in the caller or an enclosing scope (innermost first), the
  // latest one before the call line within a scope (see `LocalBindings.latest`).
  private localTypeOf(variable: string, caller: number | null, line: number): LocalTypeRef | null {
    if (!this.locals.has(variable)) return null;
    const chain = new Map<number | null, number>();
    for (let current = caller, rank = 0; rank <= this.symbols.length; rank++) {
      // A Python class body is not a scope of the methods inside it.
      const kind = current == null ? null : this.symbols[current]?.kind;
      const classScope = this.family === 'python' && current !== caller && kind != null && TYPE_KINDS.has(kind);
      if (!classScope) chain.set(current, rank);
      if (current == null) break;
      current = this.symbols[current]?.parent ?? null;
    }
    let best: { ref: LocalTypeRef; rank: number } | null = null;
    for (const [scope, rank] of chain) {
      const ref: LocalTypeRef | null =
        best != null && rank >= best.rank ? null : this.locals.latest(variable, scope, rank === 0 ? line : null);
      if (ref != null) best = { ref, rank };
    }
    return best?.ref ?? null;
  }
}

/** Resolves the calls and base types of one file against the repository index (pass 2). */
export function resolveFileReferences(lookup: SymbolLookup, file: ParsedFile): FileReferences {
  const resolver = new FileResolver(lookup, file);
  const out: FileReferences = { edges: [], unresolvedCalls: 0, callerlessCalls: 0, unresolvedBases: 0 };
  const fileNodeId = lookup.index.files.get(file.relativePath)?.nodeId ?? '';
  file.calls.forEach((call, index) => {
    const caller = resolver.callerOf(call);
    const callerSymbol = caller == null ? undefined : resolver.symbols[caller];
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
