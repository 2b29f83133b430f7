import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Node } from 'web-tree-sitter';
import { detectFileType } from '../../../src/parsers/languages/index.js';
import { loadLanguageRuntime } from '../../../src/parsers/parser-cache.js';
import type { ParsedSymbol } from '../../../src/parsers/parsed-file.js';
import { parseSource } from './parse-input.js';

// A transcription of the original's recursive walks (as the parity spec describes them), used as an oracle for the query-based
// engine. Only full qualification (`Outer.Inner.m`) is applied. The engine now also extracts every named
// function-like the original skipped (nested functions, object-literal methods, …): for Python the oracle takes a
// flag that descends into functions the same way, so the comparison stays exact; for JavaScript every symbol the
// original found must still be found with its kind and lines, under the same qualified name unless a newly
// extracted symbol now encloses it (`gen.inner` inside a generator). Test-only: fine for ordinary files, it recurses.
type Found = string[];

function pythonRules(node: Node, parents: string[], inClass: boolean, out: Found, nested = false): Found {
  const line = (n: Node): string => `${n.startPosition.row + 1}-${n.endPosition.row + 1}`;
  if (node.type === 'class_definition' || node.type === 'function_definition') {
    const name = node.childForFieldName('name')?.text;
    if (name == null) return out;
    const isClass = node.type === 'class_definition';
    const kind = isClass ? 'class' : inClass ? 'method' : 'function';
    out.push(`${kind} ${[...parents, name].join('.')} ${line(node)}`);
    if (!isClass && !nested) return out;
    for (const child of node.children) {
      if (child?.type === 'block') pythonRules(child, [...parents, name], isClass, out, nested);
    }
    return out;
  }
  for (const child of node.children) if (child != null) pythonRules(child, parents, inClass, out, nested);
  return out;
}

function javascriptRules(node: Node, owner: string | null, out: Found): Found {
  const line = (n: Node): string => `${n.startPosition.row + 1}-${n.endPosition.row + 1}`;
  const name = node.childForFieldName('name')?.text ?? '';
  switch (node.type) {
    case 'class_declaration': {
      out.push(`class ${name} ${line(node)}`);
      const body = node.childForFieldName('body');
      if (body != null) javascriptRules(body, name, out);
      return out;
    }
    case 'function_declaration':
      out.push(`${owner == null ? 'function' : 'method'} ${owner == null ? name : `${owner}.${name}`} ${line(node)}`);
      return out;
    case 'method_definition':
      out.push(`method ${owner == null ? name : `${owner}.${name}`} ${line(node)}`);
      return out;
    case 'lexical_declaration':
    case 'variable_declaration':
      for (const declarator of node.namedChildren) {
        if (declarator == null) continue;
        const value = declarator.childForFieldName('value');
        const id = declarator.childForFieldName('name');
        if (id != null && value?.type === 'arrow_function') out.push(`function ${id.text} ${line(declarator)}`);
      }
      return out;
    default:
      for (const child of node.children) if (child != null) javascriptRules(child, owner, out);
      return out;
  }
}

async function compare(relativePath: string, source: string): Promise<void> {
  const type = detectFileType(relativePath);
  if (type.kind !== 'code') throw new Error(`${relativePath} is not code`);
  const runtime = await loadLanguageRuntime(type.spec);
  const tree = runtime.parser.parse(source)!;
  const python = type.spec.name === 'python';
  const original = python ? pythonRules(tree.rootNode, [], false, []) : javascriptRules(tree.rootNode, null, []);
  const extended = python ? pythonRules(tree.rootNode, [], false, [], true) : null;
  tree.delete();
  const parsed = await parseSource(relativePath, source);
  const outline = (s: ParsedSymbol): string => `${s.kind} ${s.qualifiedName} ${s.startLine}-${s.endLine}`;
  if (extended != null) {
    expect(parsed.symbols.map(outline).sort()).toEqual(extended.sort());
    expect(original.every((o) => extended.includes(o))).toBe(true);
    return;
  }
  const outlines = new Set(parsed.symbols.map(outline));
  const found = new Set(original.map((o) => o.split(' ')[1] ?? ''));
  for (const expected of original) {
    if (outlines.has(expected)) continue;
    const [kind, qualifiedName, lines] = expected.split(' ');
    const moved = parsed.symbols.find(
      (s) =>
        s.kind === kind &&
        `${s.startLine}-${s.endLine}` === lines &&
        s.qualifiedName.endsWith(`.${qualifiedName}`) &&
        !found.has(s.qualifiedName.slice(0, -(qualifiedName ?? '').length - 1)),
    );
    expect(moved, `${expected} is neither kept nor nested under a newly extracted symbol`).toBeDefined();
  }
}

const FIXTURES = fileURLToPath(new URL('../../fixtures/parsers/', import.meta.url));
const STDLIB = '/usr/lib/python3.11';

describe("the original's walk rules give the same symbols", () => {
  it.each(['python/shapes.py', 'javascript/shapes.js'])('%s', async (fixture) => {
    await compare(fixture, fs.readFileSync(path.join(FIXTURES, fixture), 'utf8'));
  });

  it.skipIf(!fs.existsSync(STDLIB))('the first 40 modules of the Python standard library', async () => {
    const modules = fs
      .readdirSync(STDLIB)
      .filter((name) => name.endsWith('.py'))
      .sort()
      .slice(0, 40);
    for (const name of modules) await compare(name, fs.readFileSync(path.join(STDLIB, name), 'utf8'));
  });
});
