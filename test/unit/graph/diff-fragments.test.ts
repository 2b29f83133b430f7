import { describe, expect, it } from 'vitest';
import { diffFragment, writtenElements, type StoredFragment } from '../../../src/graph/diff-fragments.js';
import {
  nodeHash,
  relHash,
  relKey,
  type Fragment,
  type FragmentNode,
  type FragmentRel,
} from '../../../src/graph/fragment.js';
import type { PropertyValue, RelType } from '../../../src/graph/graph-model.js';

// Fragments are compared with what was stored when they were last written: the stored hashes are the ones the
// writer computed from the previous fragment.

function node(id: string, props: Record<string, PropertyValue> = {}, label: FragmentNode['label'] = 'SymbolNode') {
  return { label, row: { node_id: id, props: { relative_path: 'pkg/a.py', commit_sha: 'c1', ...props } } };
}

function rel(type: RelType, source: string, target: string, props: Record<string, PropertyValue> = {}): FragmentRel {
  return { type, row: { source, target, props } };
}

function fragment(owner: string, nodes: FragmentNode[], rels: FragmentRel[]): Fragment {
  return { owner, isDirectory: false, nodes, rels };
}

function storedOf(f: Fragment): StoredFragment {
  return {
    nodes: new Map(f.nodes.map((n) => [n.row.node_id, nodeHash(n)])),
    rels: new Map(f.rels.map((r) => [relKey(r.type, r.row.source, r.row.target), relHash(r)])),
  };
}

/** The diff as ids and keys, for readable expectations. */
function summary(owner: string, next: Fragment | null, stored: StoredFragment | undefined) {
  const c = diffFragment(owner, next, stored);
  return {
    upsertNodes: c.upsertNodes.map((w) => w.node.row.node_id),
    deleteNodes: c.deleteNodes,
    upsertRels: c.upsertRels.map(
      (w) => `${w.rel.type} ${w.rel.row.source}->${w.rel.row.target}${w.local ? ' local' : ''}`,
    ),
    deleteRels: c.deleteRels.map((k) => k.split('\n').join(' ')),
    deletedElements: c.deletedElements,
  };
}

const NOTHING = { upsertNodes: [], deleteNodes: [], upsertRels: [], deleteRels: [], deletedElements: 0 };

function base(): Fragment {
  return fragment(
    'pkg/a.py',
    [
      node('file:a', { name: 'a.py' }, 'FileNode'),
      node('sym:f', { name: 'f', start_line: 1 }),
      node('sym:g', { name: 'g', start_line: 5 }),
    ],
    [
      rel('HAS_SYMBOL', 'file:a', 'sym:f'),
      rel('HAS_SYMBOL', 'file:a', 'sym:g'),
      rel('CALLS', 'sym:f', 'sym:g', { resolution: 'same-file', line: 2, count: 1 }),
      rel('CALLS', 'sym:g', 'other:h', { resolution: 'import', line: 6, count: 1 }),
    ],
  );
}

describe('diffFragment', () => {
  it('writes nothing for an identical fragment, whatever the order of nodes, relationships and properties', () => {
    const before = base();
    expect(summary('pkg/a.py', base(), storedOf(before))).toEqual(NOTHING);
    const shuffled = base();
    shuffled.nodes.reverse();
    shuffled.rels.reverse();
    shuffled.nodes[0]!.row.props = Object.fromEntries(Object.entries(shuffled.nodes[0]!.row.props).reverse());
    expect(summary('pkg/a.py', shuffled, storedOf(before))).toEqual(NOTHING);
    expect(writtenElements([diffFragment('pkg/a.py', shuffled, storedOf(before))])).toBe(0);
  });

  it('ignores the writer stamps of ordinary nodes but not the commit of the root directory', () => {
    const before = base();
    const after = base();
    for (const n of after.nodes) Object.assign(n.row.props, { commit_sha: 'c2', symbol_version_id: 'v2' });
    expect(summary('pkg/a.py', after, storedOf(before))).toEqual(NOTHING);

    const root = (commit: string): Fragment => ({
      owner: '.',
      isDirectory: true,
      nodes: [node('dir:.', { relative_path: '.', name: 'repo', commit_sha: commit }, 'FileNode')],
      rels: [rel('HAS_FILE', 'dir:.', 'dir:pkg')],
    });
    expect(summary('.', root('c2'), storedOf(root('c1')))).toEqual({ ...NOTHING, upsertNodes: ['dir:.'] });
  });

  it('rewrites only the node whose property changed, with the new hash', () => {
    const before = base();
    const after = base();
    after.nodes[2]!.row.props.start_line = 6;
    const changes = diffFragment('pkg/a.py', after, storedOf(before));
    expect(changes.upsertNodes.map((w) => w.node.row.node_id)).toEqual(['sym:g']);
    expect(changes.upsertNodes[0]!.hash).toBe(nodeHash(after.nodes[2]!));
    expect(changes.upsertNodes[0]!.hash).not.toBe(nodeHash(before.nodes[2]!));
    expect(summary('pkg/a.py', after, storedOf(before))).toEqual({ ...NOTHING, upsertNodes: ['sym:g'] });
  });

  it('rewrites a node whose property went away or became null (SET replaces every property)', () => {
    const before = base();
    before.nodes[1]!.row.props.docstring = 'Doc.';
    const dropped = base();
    expect(summary('pkg/a.py', dropped, storedOf(before))).toEqual({ ...NOTHING, upsertNodes: ['sym:f'] });
    const nulled = base();
    nulled.nodes[1]!.row.props.docstring = null;
    expect(summary('pkg/a.py', nulled, storedOf(before))).toEqual({ ...NOTHING, upsertNodes: ['sym:f'] });
  });

  it('adds new nodes; a removed node is deleted with its relationships, a relationship of a kept node by key', () => {
    const before = base();
    const after = base();
    after.nodes.splice(2, 1); // g goes, with HAS_SYMBOL file->g and CALLS g->h; f's call to g goes too
    after.rels = after.rels.filter((r) => r.row.source !== 'sym:g' && r.row.target !== 'sym:g');
    after.nodes.push(node('sym:k', { name: 'k', start_line: 9 }));
    after.rels.push(rel('HAS_SYMBOL', 'file:a', 'sym:k'));
    expect(summary('pkg/a.py', after, storedOf(before))).toEqual({
      upsertNodes: ['sym:k'],
      deleteNodes: ['sym:g'],
      upsertRels: ['HAS_SYMBOL file:a->sym:k local'],
      // CALLS g->h starts at the deleted node: it goes with it, so only the kept nodes' relationships are listed.
      deleteRels: ['HAS_SYMBOL file:a sym:g', 'CALLS sym:f sym:g'],
      deletedElements: 4,
    });
  });

  it('re-targets a relationship: the new one is written, the old key deleted', () => {
    const before = base();
    const after = base();
    after.rels[3] = rel('CALLS', 'sym:g', 'elsewhere:h', { resolution: 'import', line: 6, count: 1 });
    expect(summary('pkg/a.py', after, storedOf(before))).toEqual({
      ...NOTHING,
      upsertRels: ['CALLS sym:g->elsewhere:h'],
      deleteRels: ['CALLS sym:g other:h'],
      deletedElements: 1,
    });
  });

  it('rewrites a relationship whose properties changed in place, without deleting it', () => {
    const before = base();
    const after = base();
    after.rels[2]!.row.props.count = 2;
    expect(summary('pkg/a.py', after, storedOf(before))).toEqual({
      ...NOTHING,
      upsertRels: ['CALLS sym:f->sym:g local'],
    });
    const dropped = base();
    delete dropped.rels[2]!.row.props.line;
    expect(summary('pkg/a.py', dropped, storedOf(before)).upsertRels).toEqual(['CALLS sym:f->sym:g local']);
  });

  it('an owner that moved: the old owner deletes everything, the new one writes everything', () => {
    const before = base();
    const gone = summary('pkg/a.py', null, storedOf(before));
    expect(gone).toEqual({
      ...NOTHING,
      deleteNodes: ['file:a', 'sym:f', 'sym:g'],
      deleteRels: [],
      deletedElements: 3 + 4,
    });
    const moved = fragment(
      'lib/a.py',
      [node('file:lib-a', { name: 'a.py', relative_path: 'lib/a.py' }, 'FileNode')],
      [rel('HAS_SYMBOL', 'file:lib-a', 'sym:lib-f'), rel('IMPORTS', 'file:lib-a', 'file:b')],
    );
    expect(summary('lib/a.py', moved, undefined)).toEqual({
      ...NOTHING,
      upsertNodes: ['file:lib-a'],
      upsertRels: ['HAS_SYMBOL file:lib-a->sym:lib-f', 'IMPORTS file:lib-a->file:b'],
    });
  });

  it('rewrites elements stored without a hash (written before hashes existed)', () => {
    const before = base();
    const stored = storedOf(before);
    stored.nodes.set('sym:f', null);
    stored.rels.set(relKey('CALLS', 'sym:f', 'sym:g'), null);
    expect(summary('pkg/a.py', base(), stored)).toEqual({
      ...NOTHING,
      upsertNodes: ['sym:f'],
      upsertRels: ['CALLS sym:f->sym:g local'],
    });
  });

  it('counts written elements over owners', () => {
    const after = base();
    after.nodes[1]!.row.props.name = 'f2';
    const changes = [diffFragment('pkg/a.py', after, storedOf(base())), diffFragment('lib/x.py', base(), undefined)];
    expect(writtenElements(changes)).toBe(1 + 3 + 4);
  });
});

describe('content hashes', () => {
  // A graph stores these hashes as `element_hash`: the same content must hash as earlier releases hashed it, or
  // every element of every stored graph would read as changed.
  it('hash a node exactly as stored graphs have it', () => {
    const symbol: FragmentNode = {
      label: 'SymbolNode',
      row: {
        node_id: 'sym:f',
        props: {
          node_type: 'symbol',
          commit_sha: 'c1',
          github_repo_id: null,
          symbol_version_id: 'v',
          kind: 'function',
          name: 'f "q"\n',
          qualified_name: 'A.f',
          language: 'python',
          relative_path: 'pkg/ü.py',
          start_line: 3,
          end_line: 9,
          signature: 'def f():',
          docstring: null,
          fingerprint: 'abc',
        },
      },
    };
    const root: FragmentNode = {
      label: 'FileNode',
      row: {
        node_id: 'dir:.',
        props: {
          node_type: 'file',
          basename: 'repo',
          relative_path: '.',
          commit_sha: 'c2',
          is_directory: true,
          language: null,
          content_hash: null,
        },
      },
    };
    expect(nodeHash(symbol)).toBe('844ecdfcf7e9744d7a5a7d3e60ba25aab62c1453');
    expect(nodeHash(root)).toBe('73bae67b70dbf56b2d5171de96d9b1392fe54290');
  });

  it('writes every element of an owner nothing is stored of, relationships marked local when both ends are its own', () => {
    const f = base();
    const changes = diffFragment('pkg/a.py', f, undefined);
    expect(changes.upsertNodes.map((w) => [w.node.row.node_id, w.hash])).toEqual(f.nodes.map((n) => [n.row.node_id, nodeHash(n)]));
    expect(changes.upsertRels.map((w) => w.local)).toEqual(f.rels.map((r) => f.nodes.some((n) => n.row.node_id === r.row.target)));
    expect(changes).toMatchObject({ deleteNodes: [], deleteRels: [], deletedElements: 0 });
  });
});

