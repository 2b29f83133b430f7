import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fileNodeId,
  stableSymbolId,
  symbolNodeId,
  symbolVersionId,
  textNodeId,
} from '../../../src/identity/graph-ids.js';
import { buildFixture, removeFixture, type BuiltFixture, type FileSpec } from './graph-fixture.js';

const files: Record<string, FileSpec> = {
  'docs/README.md': {
    kind: 'text',
    chunks: [
      { relativePath: 'docs/README.md', index: 0, text: 'first', startLine: 0, endLine: 3 },
      { relativePath: 'docs/README.md', index: 1, text: 'second', startLine: 3, endLine: 5 },
    ],
  },
  'pkg/a.py': {
    symbols: [
      ['class', 'A', 1, 10],
      ['method', 'A.f', 2, 4],
      ['function', 'dup', 12, 13],
      ['function', 'dup', 15, 16],
    ],
  },
  'pkg/b.py': {
    symbols: [
      ['class', 'A', 1, 10],
      ['method', 'A.f', 2, 4],
    ],
  },
  'bin/tool.bin': { kind: 'skipped', language: null },
};

describe('buildGraph', () => {
  let g: BuiltFixture;
  let again: BuiltFixture;
  beforeAll(async () => {
    g = await buildFixture(files);
    again = await buildFixture(files);
  });
  afterAll(async () => {
    await removeFixture(g);
    await removeFixture(again);
  });

  it('builds directories as FileNodes with HAS_FILE from the parent, root `.` first, skipped files left out', () => {
    const paths = g.nodes.get('FileNode')?.map((n) => n.props.relative_path);
    expect(paths).toEqual(['.', 'bin', 'docs', 'docs/README.md', 'pkg', 'pkg/a.py', 'pkg/b.py']);
    expect(g.edges('HAS_FILE')).toEqual([
      '. -> bin',
      '. -> docs',
      '. -> pkg',
      'docs -> docs/README.md',
      'pkg -> pkg/a.py',
      'pkg -> pkg/b.py',
    ]);
    expect(g.nodes.get('FileNode')?.[0]?.props.basename).toBe('checkout');
  });

  it("writes every property of the original's graph contract plus github_repo_id, and TextNodes carry relative_path", () => {
    const symbol = g.nodes.get('SymbolNode')?.[1];
    expect(Object.keys(symbol?.props ?? {}).sort()).toEqual(
      [
        'commit_sha',
        'docstring',
        'end_line',
        'fingerprint',
        'github_repo_id',
        'kind',
        'language',
        'name',
        'node_type',
        'qualified_name',
        'relative_path',
        'signature',
        'stable_symbol_id',
        'start_line',
        'symbol_version_id',
      ].sort(),
    );
    expect(symbol?.props).toMatchObject({
      node_type: 'symbol',
      kind: 'method',
      qualified_name: 'A.f',
      github_repo_id: 42,
      commit_sha: 'abc123',
    });
    const text = g.nodes.get('TextNode') ?? [];
    expect(text.map((t) => [t.props.relative_path, t.props.text, t.props.start_line, t.props.end_line])).toEqual([
      ['docs/README.md', 'first', 0, 3],
      ['docs/README.md', 'second', 3, 5],
    ]);
    expect(g.rels.get('NEXT_CHUNK')).toEqual([{ source: text[0]?.node_id, target: text[1]?.node_id, props: {} }]);
    expect(g.edges('HAS_TEXT')).toHaveLength(2);
  });

  it('links symbols to files and parents', () => {
    expect(g.edges('HAS_SYMBOL')).toContain('pkg/a.py -> pkg/a.py#A.f');
    expect(g.edges('CONTAINS_SYMBOL')).toEqual(['pkg/a.py#A -> pkg/a.py#A.f', 'pkg/b.py#A -> pkg/b.py#A.f']);
    expect(g.summary.nodes).toEqual({ FileNode: 7, SymbolNode: 6, TextNode: 2 });
    expect(g.summary.relationships.HAS_SYMBOL).toBe(6);
  });

  it('derives ids from content, not walk position, identically on every build', () => {
    expect(again.nodes).toEqual(g.nodes);
    expect(again.rels).toEqual(g.rels);
    const ids = (g.nodes.get('SymbolNode') ?? []).map((n) => n.node_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toBe(symbolNodeId('pkg/a.py', 'class', 'A', 0));
    expect(ids[3]).toBe(symbolNodeId('pkg/a.py', 'function', 'dup', 1));
    expect(g.nodes.get('FileNode')?.[5]?.node_id).toBe(fileNodeId('pkg/a.py'));
    expect(g.nodes.get('TextNode')?.[1]?.node_id).toBe(textNodeId('docs/README.md', 1));
  });
});

describe('graph ids', () => {
  it("computes symbol_version_id exactly as the original's formula", () => {
    const expected = createHash('sha256').update('sha1::a/b.py::function::f::3:9').digest('hex');
    expect(symbolVersionId('sha1', 'a/b.py', 'function', 'f', 3, 9)).toBe(expected);
    const noSha = createHash('sha256').update('::a/b.py::function::f::3:9').digest('hex');
    expect(symbolVersionId(null, 'a/b.py', 'function', 'f', 3, 9)).toBe(noSha);
  });

  it('keeps stable_symbol_id apart for structurally identical symbols', () => {
    const a = stableSymbolId('r', 'pkg/a.py', 'method', 'A.f', 'fp');
    expect(stableSymbolId('r', 'pkg/b.py', 'method', 'A.f', 'fp')).not.toBe(a);
    expect(stableSymbolId('r', 'pkg/a.py', 'method', 'A.g', 'fp')).not.toBe(a);
    expect(stableSymbolId('r', 'pkg/a.py', 'method', 'A.f', 'fp')).toBe(a);
  });

  it('names elements by their place in the tree, so every branch and rebuild has the same ids', () => {
    expect(fileNodeId('a.py')).not.toBe(fileNodeId('b.py'));
    expect(fileNodeId('a.py')).toBe(fileNodeId('a.py'));
    expect(symbolNodeId('a.py', 'function', 'f', 0)).not.toBe(symbolNodeId('a.py', 'function', 'f', 1));
    expect(symbolNodeId('a.py', 'function', 'f', 0)).not.toBe(symbolNodeId('a.py', 'method', 'f', 0));
    expect(textNodeId('a.md', 0)).not.toBe(textNodeId('a.md', 1));
  });
});
