/**
 * The contract between parsing and the graph: what one file of a repository parses into.
 * Everything here is plain JSON (no class instances, no tree-sitter objects), so a ParsedFile can cross a
 * worker-thread boundary and be written as one line of an NDJSON file.
 */

/**
 * Kinds of symbol. Python, JavaScript and TypeScript use `class`, `function` and `method` exactly as the
 * original did; the other kinds appear for languages and constructs the original ignored.
 */
export type SymbolKind =
  'class' | 'function' | 'method' | 'interface' | 'enum' | 'struct' | 'trait' | 'type' | 'module' | 'namespace';

/** One definition found in a file. Lines are 1-based and inclusive; columns are 0-based code-unit offsets. */
export interface ParsedSymbol {
  kind: SymbolKind;
  name: string;
  /** Dotted path from the outermost enclosing definition, e.g. `Outer.Inner.method` (full path). */
  qualifiedName: string;
  startLine: number;
  endLine: number;
  startColumn: number;
  endColumn: number;
  /** First line(s) of the definition, trimmed (the original's rule for Python and for JS/TS). */
  signature: string;
  docstring: string | null;
  /** sha256 hex of the pre-order node types of the definition subtree joined with `\n`. */
  fingerprint: string;
  /** Index into `ParsedFile.symbols` of the enclosing symbol, or null at top level. */
  parent: number | null;
}

/** One imported name: `from m import a as b` gives `{ name: 'a', alias: 'b' }`. */
export interface ImportedName {
  name: string;
  alias: string | null;
}

/** An import statement (or `require`, `use`, `#include`, …) normalised across languages. */
export interface ImportRef {
  /** The module as written: `..utils`, `./x.js`, `a.b.c`, `github.com/x/y`, `java.util.List`. */
  module: string;
  /** Names imported from the module (JS named imports, Python `from` names, Rust `use` leaves, …). */
  names: ImportedName[];
  /** Binding for the whole module: Python `import a as b`, JS `import * as ns`, Go `import alias "p"`. */
  moduleAlias: string | null;
  /** JS/TS default import binding (`import X from`), kept apart from named imports. */
  defaultImport: string | null;
  isRelative: boolean;
  isWildcard: boolean;
  line: number;
}

/** A call site. `receiver` is the source text of the object a method is called on (`self`, `a.b`). */
export interface CallRef {
  callee: string;
  receiver: string | null;
  line: number;
  /** `new X()` in JS/TS/Java/C#/…, or an upper-case callee in Python. */
  isConstructor: boolean;
  /**
   * Index into `ParsedFile.symbols` of the innermost symbol whose bytes contain the call (its caller), null at
   * module level. Absent in records of older parsers: the graph then takes the innermost symbol by lines.
   */
  caller?: number | null;
}

/** A base class or implemented interface named in a definition. `symbol` indexes `ParsedFile.symbols`. */
export interface InheritanceRef {
  symbol: number;
  base: string;
  relation: 'extends' | 'implements';
  line: number;
}

/**
 * How a stated type was written: absent for an annotation (`x: Foo`), `new` for a constructor call (`x = Foo()`,
 * `new Foo()`), `call` for another call whose return type gives the type (`x = make()`), `value` for a plain
 * expression whose type gives it (`x = self.cond`), `each` for a loop variable over a literal tuple or list of
 * names (`for cls in (A, B)`: the variable is each of them in turn).
 */
export type StatedVia = 'new' | 'call' | 'value' | 'each';

/** A local variable or parameter whose type the code states (see `StatedVia` for the forms). */
export interface LocalTypeRef {
  variable: string;
  /** The type, constructor, callee or expression as written (`Foo`, `mod.make`, `self.cond`). */
  typeName: string;
  line: number;
  /** Index into `ParsedFile.symbols` of the innermost symbol around the binding, null at module level. */
  scope?: number | null;
  via?: StatedVia;
}

/**
 * The type of an attribute of a class, stated by the code: an annotated field (`x: Foo`), a constructor
 * parameter property (`constructor(private x: Foo)`), or an assignment (`self.x = Foo()`, `this.x = new Foo()`).
 */
export interface AttributeTypeRef {
  /** Index into `ParsedFile.symbols` of the class. */
  symbol: number;
  attribute: string;
  /** The type, constructor, callee or expression as written. */
  typeName: string;
  line: number;
  via?: StatedVia;
  /** Index into `ParsedFile.symbols` of the innermost symbol around the statement (where a callee is looked up). */
  scope?: number | null;
}

/** What a function returns, stated by the code: a return annotation, or a body whose only return is `Foo()`. */
export interface ReturnTypeRef {
  /** Index into `ParsedFile.symbols` of the function or method. */
  symbol: number;
  /** The type as written (`Promise<…>` and `Awaitable`-style wrappers are kept; resolution unwraps them). */
  typeName: string;
}

/** A chunk of a documentation/text file (as in the original, fixed so that lines are 0-based and never drift). */
export interface TextChunk {
  relativePath: string;
  index: number;
  text: string;
  startLine: number;
  endLine: number;
}

/** Why a file produced no symbols or fewer than it could; problems are data, never exceptions. */
export interface ParseProblems {
  /** Count of ERROR and MISSING nodes in the tree (reported, not silent). */
  syntaxErrors: number;
  /** Set when the file was not parsed at all: `binary`, `too-large`, `unsupported`, `invalid-utf8`, … */
  skipReason: string | null;
  /** Set when parsing or extraction failed or ran out of its time budget. */
  error: string | null;
  timedOut: boolean;
  /** Symbols dropped by the per-file symbol cap. */
  truncatedSymbols: number;
  /** Present and true when the bytes were not valid UTF-8 and were decoded with U+FFFD replacements. */
  invalidUtf8?: boolean;
}

/** What one file parses into. `kind` says which of the lists can be non-empty. */
export interface ParsedFile {
  /** POSIX path relative to the repository root, no leading `./`. */
  relativePath: string;
  /** tree-sitter language name (`python`, `typescript`, `tsx`, …) or `text`; null when skipped. */
  language: string | null;
  kind: 'code' | 'text' | 'skipped';
  sizeBytes: number;
  /** sha256 hex of the file's bytes. */
  contentHash: string;
  /** True for files over the symbol size cap that were processed on the large-file path. */
  large: boolean;
  symbols: ParsedSymbol[];
  imports: ImportRef[];
  calls: CallRef[];
  inheritance: InheritanceRef[];
  localTypes: LocalTypeRef[];
  /** Attribute types of the file's classes (absent in records of older parsers). */
  attributeTypes?: AttributeTypeRef[];
  /** Return types of the file's functions (absent in records of older parsers). */
  returnTypes?: ReturnTypeRef[];
  chunks: TextChunk[];
  problems: ParseProblems;
  parseMillis: number;
}
