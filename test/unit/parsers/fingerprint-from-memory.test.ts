import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Node, Tree } from 'web-tree-sitter';
import { fingerprintFromMemory } from '../../../src/parsers/fingerprint-from-memory.js';
import { fingerprintNodes } from '../../../src/parsers/fingerprint-node.js';
import { detectFileType } from '../../../src/parsers/languages/index.js';
import { loadLanguageRuntime } from '../../../src/parsers/parser-cache.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/parsers/', import.meta.url));
const NOT_CODE = new Set(['walk', 'hostile', 'text']);

const sources = fs
  .readdirSync(FIXTURES, { withFileTypes: true })
  .filter((dir) => dir.isDirectory() && !NOT_CODE.has(dir.name))
  .flatMap((dir) =>
    fs
      .readdirSync(path.join(FIXTURES, dir.name))
      .filter((name) => !name.endsWith('.golden'))
      .map((name) => ({
        name: `${dir.name}/${name}`,
        text: fs.readFileSync(path.join(FIXTURES, dir.name, name), 'utf8'),
      })),
  );

// Broken inputs: ERROR and MISSING nodes must be fingerprinted like any other node.
const broken = [
  { name: 'broken.py', text: 'class A(B:\n    def f(self, x\n        return [1, 2\n' },
  { name: 'broken.ts', text: 'export class C<T { m(a: number { return a + ; } }\nfunction (' },
  { name: 'broken.rs', text: 'fn main() { let x = ; impl Foo for { }' },
];

async function parse(name: string, text: string): Promise<Tree> {
  const type = detectFileType(name);
  if (type.kind !== 'code') throw new Error(`${name} is not code`);
  const tree = (await loadLanguageRuntime(type.spec)).parser.parse(text);
  if (tree == null) throw new Error(`${name} did not parse`);
  return tree;
}

/** Every node of the tree in pre-order (named and anonymous), as Node objects. */
function allNodes(tree: Tree): Node[] {
  const nodes: Node[] = [];
  const cursor = tree.walk();
  for (;;) {
    nodes.push(cursor.currentNode);
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        cursor.delete();
        return nodes;
      }
    }
  }
}

/** The reference definition: a cursor walk of each node's own subtree, types joined with `\n`, sha256. */
function referenceFingerprint(node: Node, tree: Tree): string {
  const cursor = tree.walk();
  cursor.reset(node);
  const types: string[] = [];
  for (let depth = 0; ;) {
    types.push(cursor.nodeType);
    if (cursor.gotoFirstChild()) {
      depth++;
      continue;
    }
    while (depth > 0 && !cursor.gotoNextSibling()) {
      cursor.gotoParent();
      depth--;
    }
    if (depth === 0) break;
  }
  cursor.delete();
  return createHash('sha256').update(types.join('\n')).digest('hex');
}

describe('fingerprints read from the WASM heap', () => {
  it.each([...sources, ...broken])('match a cursor walk for every node of $name', async ({ name, text }) => {
    const tree = await parse(name, text);
    try {
      const nodes = allNodes(tree);
      const indexById = new Map(nodes.map((node, index) => [node.id, index]));
      const out = new Array<string>(nodes.length).fill('');
      expect(fingerprintFromMemory(tree.language, [tree.rootNode], nodes, indexById, out, () => false)).toBe(true);
      expect(out).toEqual(nodes.map((node) => referenceFingerprint(node, tree)));
      if (name.startsWith('broken')) expect(nodes.some((node) => node.isError || node.isMissing)).toBe(true);
    } finally {
      tree.delete();
    }
  });

  it('fingerprintNodes gives the same result for nested symbol nodes as the reference walk', async () => {
    const { text } = sources.find((source) => source.name.startsWith('python/'))!;
    const tree = await parse('x.py', text);
    try {
      const defs = allNodes(tree).filter(
        (node) => node.type === 'function_definition' || node.type === 'class_definition',
      );
      expect(defs.length).toBeGreaterThan(3);
      expect(fingerprintNodes(defs, tree)).toEqual(defs.map((node) => referenceFingerprint(node, tree)));
    } finally {
      tree.delete();
    }
  });

  it('stops early, leaving fingerprints empty, when the budget is spent', async () => {
    const text = `def f():\n${'    x = [1, 2, 3]\n'.repeat(3000)}`;
    const tree = await parse('big.py', text);
    try {
      const nodes = [tree.rootNode];
      const out = [''];
      expect(
        fingerprintFromMemory(tree.language, nodes, nodes, new Map([[tree.rootNode.id, 0]]), out, () => true),
      ).toBe(true);
      expect(out).toEqual(['']);
    } finally {
      tree.delete();
    }
  });
});
