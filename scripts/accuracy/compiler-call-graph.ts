import path from 'node:path';
import ts from 'typescript';
import type { ExclusionReason, TruthCallSite, TruthDeclaration } from './truth-call-site.js';
import { receiverFacts } from './typescript-receiver-facts.js';

/** Options of the ground-truth program. */
export interface CompilerCallGraphInput {
  /** Absolute directory the corpus paths are relative to. */
  root: string;
  /** Absolute paths of the corpus's source files. */
  files: string[];
  /**
   * Maps a declaration file the compiler resolved an import to (`pkg/lib/x.d.ts`) onto the corpus source it was
   * built from, so calls across the corpus's packages reach the sources. Return null to keep the file as is.
   */
  sourceOfDeclarationFile?: (resolvedFile: string) => string | null;
  /** `@types` packages to load (default `['node']`; a fixture without Node APIs can pass none). */
  types?: string[];
  /** Settings a corpus needs beyond the defaults (e.g. `moduleResolution` for extensionless imports). */
  compilerOptions?: ts.CompilerOptions;
}

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: false,
  // `this` inside an object-literal method has the literal's type only under noImplicitThis.
  noImplicitThis: true,
  noEmit: true,
  skipLibCheck: true,
  allowJs: false,
  experimentalDecorators: true,
  types: ['node'],
};

function createHost(input: CompilerCallGraphInput, options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const map = input.sourceOfDeclarationFile;
  if (map == null) return host;
  host.resolveModuleNameLiterals = (literals, containingFile, redirected, options) =>
    literals.map((literal) => {
      const resolved = ts.resolveModuleName(literal.text, containingFile, options, host, undefined, redirected);
      const file = resolved.resolvedModule?.resolvedFileName;
      const source = file == null ? null : map(file);
      if (source == null || resolved.resolvedModule == null) return resolved;
      return {
        ...resolved,
        resolvedModule: { ...resolved.resolvedModule, resolvedFileName: source, extension: ts.Extension.Ts },
      };
    });
  return host;
}

function lineOf(sourceFile: ts.SourceFile, position: number): number {
  return sourceFile.getLineAndCharacterOfPosition(position).line + 1;
}

function skipWrappers(node: ts.Node): ts.Node {
  let up = node.parent;
  while (up != null && (ts.isParenthesizedExpression(up) || ts.isAsExpression(up) || ts.isSatisfiesExpression(up))) {
    up = up.parent;
  }
  return up;
}

/** The name node that makes a function-like or class named, or null when it is anonymous. */
function nameNodeOf(node: ts.Node): ts.Node | null {
  if (ts.isConstructorDeclaration(node)) return node.getFirstToken() ?? node;
  if (
    ts.isFunctionDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node) ||
    ts.isClassDeclaration(node)
  ) {
    // `export default function () {}` is the module's `default`.
    const defaultKeyword = ts
      .getModifiers(node as ts.FunctionDeclaration)
      ?.find((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
    return node.name ?? defaultKeyword ?? null;
  }
  if (ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isClassExpression(node)) {
    const up = skipWrappers(node);
    if (up != null && (ts.isVariableDeclaration(up) || ts.isPropertyAssignment(up) || ts.isPropertyDeclaration(up))) {
      return ts.isIdentifier(up.name) || ts.isStringLiteral(up.name) || ts.isPrivateIdentifier(up.name)
        ? up.name
        : null;
    }
    if (
      up != null &&
      ts.isBinaryExpression(up) &&
      up.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(up.left)
    ) {
      return up.left.name;
    }
    return node.name ?? null;
  }
  return null;
}

function isFunctionLikeWithBody(node: ts.Node): boolean {
  return (
    (ts.isFunctionDeclaration(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isConstructorDeclaration(node) ||
      ts.isGetAccessorDeclaration(node) ||
      ts.isSetAccessorDeclaration(node) ||
      ts.isFunctionExpression(node) ||
      ts.isArrowFunction(node)) &&
    node.body != null
  );
}

function isClassLike(node: ts.Node): node is ts.ClassLikeDeclaration {
  return ts.isClassDeclaration(node) || ts.isClassExpression(node);
}

/** Builds the compiler's call graph of a corpus: every call and `new` site with its caller and callee. */
export class CompilerCallGraph {
  private readonly program: ts.Program;
  private readonly checker: ts.TypeChecker;
  private readonly corpus: Set<string>;

  constructor(private readonly input: CompilerCallGraphInput) {
    this.corpus = new Set(input.files.map((f) => path.resolve(f)));
    const options = { ...OPTIONS, ...input.compilerOptions, types: input.types ?? OPTIONS.types };
    this.program = ts.createProgram({ rootNames: input.files, options, host: createHost(input, options) });
    this.checker = this.program.getTypeChecker();
  }

  /** Every call site in the corpus files, in file and position order. */
  callSites(): TruthCallSite[] {
    const sites: TruthCallSite[] = [];
    for (const sourceFile of this.program.getSourceFiles()) {
      if (!this.corpus.has(path.resolve(sourceFile.fileName))) continue;
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
          const site = this.site(sourceFile, node);
          if (site != null) sites.push(site);
        }
        ts.forEachChild(node, visit);
      };
      visit(sourceFile);
    }
    return sites;
  }

  private relative(fileName: string): string {
    return path.relative(this.input.root, path.resolve(fileName)).split(path.sep).join('/');
  }

  private declaration(node: ts.Node, kind: 'function' | 'class'): TruthDeclaration {
    const sourceFile = node.getSourceFile();
    const nameNode = nameNodeOf(node);
    const name = ts.isConstructorDeclaration(node)
      ? 'constructor'
      : nameNode == null
        ? ''
        : ts.isStringLiteral(nameNode)
          ? nameNode.text
          : nameNode.getText(sourceFile);
    const named = nameNode ?? node;
    return {
      file: this.relative(sourceFile.fileName),
      name,
      nameLine: lineOf(sourceFile, named.getStart(sourceFile)),
      startLine: lineOf(sourceFile, node.getStart(sourceFile)),
      endLine: lineOf(sourceFile, node.getEnd()),
      kind,
    };
  }

  /**
   * The nearest named function-like around `node`, else the nearest class, else the file. A decorator runs where
   * the decorated declaration is defined, so the declaration it decorates is skipped.
   */
  private callerOf(sourceFile: ts.SourceFile, node: ts.Node): TruthDeclaration {
    for (let up = node.parent; up != null; up = up.parent) {
      if (ts.isDecorator(up)) {
        up = up.parent;
        continue;
      }
      if (isFunctionLikeWithBody(up) && nameNodeOf(up) != null) return this.declaration(up, 'function');
      if (isClassLike(up) && nameNodeOf(up) != null) return this.declaration(up, 'class');
    }
    const file = this.relative(sourceFile.fileName);
    return {
      file,
      name: file,
      nameLine: 0,
      startLine: 1,
      endLine: lineOf(sourceFile, sourceFile.getEnd()),
      kind: 'file',
    };
  }

  private calleeName(sourceFile: ts.SourceFile, node: ts.CallExpression | ts.NewExpression): string | null {
    let expression: ts.Expression = node.expression;
    while (ts.isParenthesizedExpression(expression) || ts.isNonNullExpression(expression)) {
      expression = expression.expression;
    }
    if (expression.kind === ts.SyntaxKind.SuperKeyword) return 'super';
    if (ts.isIdentifier(expression)) return expression.text;
    if (ts.isPropertyAccessExpression(expression)) return expression.name.getText(sourceFile);
    return null;
  }

  private site(sourceFile: ts.SourceFile, node: ts.CallExpression | ts.NewExpression): TruthCallSite | null {
    const callee = this.calleeName(sourceFile, node);
    if (callee == null) return null;
    const target = this.target(node);
    const site: TruthCallSite = {
      file: this.relative(sourceFile.fileName),
      line: lineOf(sourceFile, node.getStart(sourceFile)),
      callee,
      caller: this.callerOf(sourceFile, node),
      target,
    };
    if (typeof target !== 'string' && ts.isCallExpression(node)) {
      const receiver = receiverFacts(this.checker, node);
      if (receiver != null) site.receiver = receiver;
    }
    return site;
  }

  private inCorpus(node: ts.Node): boolean {
    return this.corpus.has(path.resolve(node.getSourceFile().fileName));
  }

  // `new X()` and `super()` denote the class (the graph's target for a constructor call), not its constructor.
  private target(node: ts.CallExpression | ts.NewExpression): TruthDeclaration | ExclusionReason {
    if (ts.isNewExpression(node) || node.expression.kind === ts.SyntaxKind.SuperKeyword) {
      const cls = this.classOf(node);
      if (cls == null) return 'unresolved';
      if (!this.inCorpus(cls)) return 'outside corpus';
      return nameNodeOf(cls) == null ? 'anonymous function' : this.declaration(cls, 'class');
    }
    const callee = this.calledSymbol(node.expression);
    if (callee == null) return 'unresolved';
    const declarations = callee.declarations ?? [];
    if (declarations.length === 0) return 'unresolved';
    if (!declarations.some((d) => this.inCorpus(d))) return 'outside corpus';
    const implementation = this.implementationOf(declarations);
    if (typeof implementation === 'string') return implementation;
    if (nameNodeOf(implementation) == null) return 'anonymous function';
    const declaration = this.declaration(implementation, 'function');
    const file = implementation.getSourceFile();
    const overloads = declarations
      .filter(
        (d) => d !== implementation && d.getSourceFile() === file && ts.isFunctionLike(d) && !isFunctionLikeWithBody(d),
      )
      .map((d) => lineOf(file, (nameNodeOf(d) ?? d).getStart(file)));
    if (overloads.length > 0) declaration.overloads = overloads;
    return declaration;
  }

  // The symbol a callee expression names, through import aliases; `(f)()` and `f!()` name `f`.
  private calledSymbol(expression: ts.Expression): ts.Symbol | null {
    let inner = expression;
    while (ts.isParenthesizedExpression(inner) || ts.isNonNullExpression(inner)) inner = inner.expression;
    const at = ts.isPropertyAccessExpression(inner) ? inner.name : inner;
    let symbol = this.checker.getSymbolAtLocation(at);
    if (symbol != null && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    return symbol ?? null;
  }

  // The function a symbol's declarations define: the body of an overloaded function or method, or the function a
  // variable, property or field is initialised with. Interface members and abstract methods have no body.
  private implementationOf(declarations: readonly ts.Declaration[]): ts.Node | ExclusionReason {
    const withBody = declarations.find(isFunctionLikeWithBody);
    if (withBody != null) return withBody;
    for (const declaration of declarations) {
      if (
        (ts.isVariableDeclaration(declaration) ||
          ts.isPropertyDeclaration(declaration) ||
          ts.isPropertyAssignment(declaration)) &&
        declaration.initializer != null
      ) {
        let value: ts.Expression = declaration.initializer;
        while (ts.isParenthesizedExpression(value) || ts.isAsExpression(value) || ts.isSatisfiesExpression(value)) {
          value = value.expression;
        }
        if (isFunctionLikeWithBody(value)) return value;
      }
    }
    const signature = declarations.some(
      (d) =>
        ts.isMethodSignature(d) ||
        ts.isPropertySignature(d) ||
        ts.isMethodDeclaration(d) ||
        ts.isFunctionDeclaration(d) ||
        ts.isCallSignatureDeclaration(d),
    );
    return signature ? 'signature without body' : 'not a function';
  }

  private classOf(node: ts.CallExpression | ts.NewExpression): ts.ClassLikeDeclaration | null {
    if (ts.isNewExpression(node)) {
      const declarations = this.calledSymbol(node.expression)?.declarations ?? [];
      const declared = declarations.find(isClassLike);
      if (declared != null) return declared;
      // `new this.Helper()` where the field `Helper = class {…}` holds the class.
      for (const declaration of declarations) {
        if (ts.isPropertyDeclaration(declaration) || ts.isVariableDeclaration(declaration)) {
          const value = declaration.initializer;
          if (value != null && isClassLike(value)) return value;
        }
      }
      return null;
    }
    const declaration = this.checker.getResolvedSignature(node)?.declaration;
    if (declaration != null && !ts.isJSDocSignature(declaration) && ts.isConstructorDeclaration(declaration)) {
      return declaration.parent;
    }
    const type = this.checker.getTypeAtLocation(node.expression);
    return type.getSymbol()?.declarations?.find(isClassLike) ?? null;
  }
}
