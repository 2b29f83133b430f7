import type { LocalTypeRef } from '../parsers/parsed-file.js';
import { enclosingType, innermostSymbol } from './file-scopes.js';
import { TYPE_KINDS, type IndexedSymbol } from './indexed-file.js';
import type { LanguageRules } from './language-rules.js';
import { LocalBindings } from './local-bindings.js';
import type { FoundSymbol, Resolved } from './name-lookup.js';
import { callReceiver, plainReceiver } from './stated-type-name.js';
import type { SymbolLookup, WrittenCall } from './symbol-lookup.js';

// Receivers are evaluated a few steps deep at most (`self.a.b`, a local from a call whose result is a local, …).
const MAX_TYPE_DEPTH = 4;

/** The file whose references are being resolved, as the resolver of its calls and its receiver types share it. */
export interface FileContext {
  lookup: SymbolLookup;
  path: string;
  symbols: readonly IndexedSymbol[];
  rules: LanguageRules;
  /** Loop variables bound to one class of their literal while a call is resolved for each of them. */
  bound: ReadonlyMap<string, Resolved>;
}

/** Resolves a written call from `caller` (the call resolver, which receiver types need for call results). */
export type ResolveCall = (call: WrittenCall & { line: number }, caller: number | null, depth: number) => Resolved | null;

/** The types of receiver expressions in one file, followed only through what the code states. */
export class ReceiverTypes {
  private readonly locals: LocalBindings;

  constructor(
    private readonly file: FileContext,
    localTypes: readonly LocalTypeRef[],
    private readonly resolveCall: ResolveCall,
  ) {
    this.locals = new LocalBindings(localTypes, (t) =>
      t.scope !== undefined ? t.scope : innermostSymbol(file.symbols, t.line),
    );
  }

  /**
   * The type a receiver expression denotes, when the code states it: `self`/`this`, a local or parameter with a
   * known type, a class named directly, then attributes of those (`self.a.b`), each step through stated types only.
   */
  receiverType(receiver: string, caller: number | null, line: number, depth: number): Resolved | null {
    if (depth > MAX_TYPE_DEPTH) return null;
    const { lookup, path, symbols, rules, bound } = this.file;
    const plain = plainReceiver(receiver);
    if (plain == null) return this.callResultType(receiver, caller, line, depth);
    const parts = plain.split('.');
    const head = parts[0] ?? plain;
    let current: Resolved | null = bound.get(head) ?? null;
    if (current == null && rules.selfReceivers.includes(head)) {
      const typeIndex = enclosingType(symbols, caller);
      const type = typeIndex == null ? undefined : symbols[typeIndex];
      current = type == null ? null : { symbol: type, file: path, resolution: 'self' };
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
      const scope = caller == null ? null : (symbols[caller]?.parent ?? null);
      const typeNamed = lookup.findType(path, scope, plain);
      if (typeNamed != null) return typeNamed;
      if (parts.length === 1) return null;
      current = lookup.findType(path, scope, head);
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
    const bound = this.file.bound.get(call.callee);
    if (bound != null) {
      current = bound;
    } else if (call.isNew) {
      current = this.file.lookup.findType(this.file.path, caller, call.callee);
    } else {
      const target = this.resolveCall({ ...written, line }, caller, depth + 1);
      current = target == null ? null : this.file.lookup.typeOfCallTo(target);
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
    const { lookup, path, symbols } = this.file;
    const stated = lookup.findAttributeType(owner, attribute);
    if (stated == null) return null;
    const { file, symbol } = stated.owner;
    const ownerIndex = lookup.index.symbolIndex(file, symbol);
    // Calls and expressions are evaluated only in this file, where their context (scope, lines) is known; another
    // file's attribute counts only when it names a type.
    if (file !== path) {
      if (stated.via != null && stated.via !== 'new') return null;
      return lookup.typeOfStatement(file, ownerIndex, stated.typeName, stated.via, () => null);
    }
    const scope = stated.scope ?? ownerIndex;
    const line = symbols[scope]?.endLine ?? symbol.endLine;
    if (stated.via === 'value') return this.receiverType(stated.typeName, scope, line, depth + 1);
    return lookup.typeOfStatement(file, ownerIndex, stated.typeName, stated.via, (call) =>
      this.resolveCall({ ...call, line }, scope, depth + 1),
    );
  }

  /** A stated type of a local as seen from the caller: a type name, or the return type of the callee. */
  private typeOfStated(local: LocalTypeRef, caller: number | null, line: number, depth: number): Resolved | null {
    if (local.via === 'each') return null;
    if (local.via === 'value') return this.receiverType(local.typeName, caller, local.line - 1, depth + 1);
    return this.file.lookup.typeOfStatement(this.file.path, caller, local.typeName, local.via ?? null, (call) =>
      this.resolveCall({ ...call, line }, caller, depth + 1),
    );
  }

  /**
   * The binding of `variable` visible at the call: in the caller or an enclosing scope (innermost first), the
   * latest one before the call line within a scope (see `LocalBindings.latest`).
   */
  localTypeOf(variable: string, caller: number | null, line: number): LocalTypeRef | null {
    if (!this.locals.has(variable)) return null;
    const { symbols, rules } = this.file;
    const chain = new Map<number | null, number>();
    for (let current = caller, rank = 0; rank <= symbols.length; rank++) {
      const kind = current == null ? null : symbols[current]?.kind;
      const classScope = !rules.classBodyIsScope && current !== caller && kind != null && TYPE_KINDS.has(kind);
      if (!classScope) chain.set(current, rank);
      if (current == null) break;
      current = symbols[current]?.parent ?? null;
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
