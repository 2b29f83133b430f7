/**
 * The ground truth's shape, shared by both truth builders: the TypeScript compiler's call graph
 * (`compiler-call-graph.ts`) and jedi's for Python (`jedi-call-graph.py`, which writes this shape as JSON).
 */

/** A named function-like (or class, or file) the truth sees, located so it can be matched to a symbol. */
export interface TruthDeclaration {
  /** Corpus-relative POSIX path. */
  file: string;
  /** The declared name (`constructor` for constructors); for a file, its path. */
  name: string;
  /** 1-based line of the name (of the declaration's start when it has no name node). */
  nameLine: number;
  startLine: number;
  endLine: number;
  kind: 'function' | 'class' | 'file';
  /** Name lines of the overload signatures of this implementation (same file), when it has any. */
  overloads?: number[];
}

/** Why a call site is left out of the ground truth. */
export type ExclusionReason =
  | 'outside corpus'
  | 'signature without body'
  | 'not a function'
  | 'anonymous function'
  | 'unresolved'
  | 'several targets';

/**
 * What the code states about the receiver of a method call (`r` in `r.f()`), seen by the truth builder from syntax
 * and declarations only; it is how a missed edge is put into a category the resolution work can track.
 */
export interface ReceiverFacts {
  /**
   * Where the receiver's type is written down, when it is a class: an annotated `parameter`, a `property`
   * (TypeScript field or parameter property, Python class-level or `self.x: T` annotation), an annotated local
   * `variable`, a `getter` (TypeScript accessor with a declared type), or the declared `return type` of the
   * function that produced the receiver (`make().f()`, `x = make(); x.f()`). Null when none of these.
   */
  declaredBy: 'parameter' | 'property' | 'variable' | 'getter' | 'return type' | null;
  /** The receiver is a chain through a property or getter (`c.req.header()`, `self.a.b.f()`), not one name. */
  chain: boolean;
  /** The annotation admits none (`Optional[T]`, `T | None`, `x?: T`, `T | undefined`). */
  optional: boolean;
  /** The annotation is a string (Python forward reference, `"Foo"`). */
  string: boolean;
  /** The annotation has generic arguments (`App<E, S>`, `List[Foo]`). */
  generic: boolean;
  /** The called member is declared in a base class in another file than the receiver's class. */
  inherited: boolean;
}

/** One call expression and what the truth resolves it to. */
export interface TruthCallSite {
  file: string;
  line: number;
  /** The called name as written (`f` in `a.b.f()`, the class in `new X()`, `super` for `super()`). */
  callee: string;
  caller: TruthDeclaration;
  /** The callee declaration, or why there is none in scope. */
  target: TruthDeclaration | ExclusionReason;
  /** With target `several targets`: each definition the call may reach (jedi's union of assignments). */
  candidates?: TruthDeclaration[];
  /** Present when the code states something about the receiver that a category depends on. */
  receiver?: ReceiverFacts;
}
