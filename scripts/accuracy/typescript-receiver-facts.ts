import ts from 'typescript';
import type { ReceiverFacts } from './truth-call-site.js';

function strip(expression: ts.Expression): ts.Expression {
  let inner = expression;
  while (
    ts.isParenthesizedExpression(inner) ||
    ts.isNonNullExpression(inner) ||
    ts.isAsExpression(inner) ||
    ts.isAwaitExpression(inner)
  ) {
    inner = inner.expression;
  }
  return inner;
}

function isNullish(type: ts.Type): boolean {
  return (type.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void)) !== 0;
}

// The class a type denotes, seen through `| undefined | null` and generic arguments; null for anything else.
function classOf(type: ts.Type): ts.ClassLikeDeclaration | null {
  let single = type;
  if (type.isUnion()) {
    const rest = type.types.filter((t) => !isNullish(t));
    if (rest.length !== 1 || rest[0] == null) return null;
    single = rest[0];
  }
  const declarations = single.getSymbol()?.declarations ?? [];
  return declarations.find((d): d is ts.ClassLikeDeclaration => ts.isClassLike(d)) ?? null;
}

function optionalType(node: ts.TypeNode | undefined, questionToken: boolean): boolean {
  if (questionToken) return true;
  if (node == null || !ts.isUnionTypeNode(node)) return false;
  return node.types.some(
    (t) =>
      t.kind === ts.SyntaxKind.UndefinedKeyword ||
      (ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword),
  );
}

function genericType(node: ts.TypeNode | undefined): boolean {
  if (node == null) return false;
  if (ts.isTypeReferenceNode(node)) return (node.typeArguments?.length ?? 0) > 0;
  return ts.isUnionTypeNode(node) && node.types.some(genericType);
}

function declaresReturnType(checker: ts.TypeChecker, call: ts.Expression): boolean {
  if (!ts.isCallExpression(call)) return false;
  const declaration = checker.getResolvedSignature(call)?.declaration;
  return declaration != null && !ts.isJSDocSignature(declaration) && declaration.type != null;
}

interface Stated {
  declaredBy: ReceiverFacts['declaredBy'];
  type?: ts.TypeNode;
  optional?: boolean;
}

// Where the declaration of a receiver name or property states its type.
function statedBy(checker: ts.TypeChecker, declaration: ts.Declaration | undefined): Stated {
  if (declaration == null) return { declaredBy: null };
  if (ts.isParameter(declaration) && declaration.type != null) {
    // A constructor parameter property is read as `this.x`: a property of the class.
    const property = ts.isConstructorDeclaration(declaration.parent) && ts.getModifiers(declaration)?.length;
    return {
      declaredBy: property ? 'property' : 'parameter',
      type: declaration.type,
      optional: optionalType(declaration.type, declaration.questionToken != null),
    };
  }
  if ((ts.isPropertyDeclaration(declaration) || ts.isPropertySignature(declaration)) && declaration.type != null) {
    const optional = optionalType(declaration.type, declaration.questionToken != null);
    return { declaredBy: 'property', type: declaration.type, optional };
  }
  if (ts.isGetAccessorDeclaration(declaration) && declaration.type != null) {
    return { declaredBy: 'getter', type: declaration.type, optional: optionalType(declaration.type, false) };
  }
  if (ts.isVariableDeclaration(declaration)) {
    if (declaration.type != null) {
      return { declaredBy: 'variable', type: declaration.type, optional: optionalType(declaration.type, false) };
    }
    const value = declaration.initializer == null ? null : strip(declaration.initializer);
    if (value != null && declaresReturnType(checker, value)) return { declaredBy: 'return type' };
  }
  return { declaredBy: null };
}

function symbolAt(checker: ts.TypeChecker, node: ts.Node): ts.Symbol | undefined {
  const symbol = checker.getSymbolAtLocation(node);
  return symbol != null && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

function enclosingClass(node: ts.Node): ts.ClassLikeDeclaration | null {
  for (let up = node.parent; up != null; up = up.parent) if (ts.isClassLike(up)) return up;
  return null;
}

/**
 * What the code states about the receiver of `call` (a method call `r.f()`) when it is a class: where its type is
 * declared, and whether `f` is inherited from a base class in another file. Null when it states nothing of these.
 */
export function receiverFacts(checker: ts.TypeChecker, call: ts.CallExpression): ReceiverFacts | null {
  const callee = strip(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return null;
  const written = callee.expression;
  const receiver = strip(written);
  const self = receiver.kind === ts.SyntaxKind.ThisKeyword || receiver.kind === ts.SyntaxKind.SuperKeyword;
  const receiverClass = self ? enclosingClass(call) : classOf(checker.getTypeAtLocation(written));
  const member = symbolAt(checker, callee.name)?.declarations?.[0];
  const memberClass = member == null ? null : enclosingClass(member);
  const inherited =
    receiverClass != null &&
    memberClass != null &&
    memberClass !== receiverClass &&
    memberClass.getSourceFile() !== receiverClass.getSourceFile();
  let stated: Stated = { declaredBy: null };
  let chain = false;
  if (!self && receiverClass != null) {
    if (ts.isIdentifier(receiver)) {
      stated = statedBy(checker, symbolAt(checker, receiver)?.valueDeclaration);
    } else if (ts.isPropertyAccessExpression(receiver)) {
      stated = statedBy(checker, symbolAt(checker, receiver.name)?.valueDeclaration);
      chain = strip(receiver.expression).kind !== ts.SyntaxKind.ThisKeyword;
    } else if (declaresReturnType(checker, receiver)) {
      stated = { declaredBy: 'return type' };
    }
  }
  if (stated.declaredBy == null && !inherited) return null;
  return {
    declaredBy: stated.declaredBy,
    chain,
    optional: stated.optional ?? false,
    string: false,
    generic: genericType(stated.type),
    inherited,
  };
}
