import { describe, expect, it } from 'vitest';
import { graphDifference } from '../../../src/engine/graph-difference.js';
import type { Fragment, FragmentNode, FragmentRel } from '../../../src/graph/fragment.js';

function symbol(id: string, commit: string, props: Record<string, string | number> = {}): FragmentNode {
  return {
    label: 'SymbolNode',
    row: { node_id: id, props: { name: id, commit_sha: commit, symbol_version_id: `${id}@${commit}`, ...props } },
  };
}

function calls(source: string, target: string, line = 1): FragmentRel {
  return { type: 'CALLS', row: { source, target, props: { resolution: 'import', line, count: 1 } } };
}

function file(owner: string, nodes: FragmentNode[], rels: FragmentRel[]): Fragment {
  return { owner, isDirectory: false, nodes, rels };
}

describe('graphDifference', () => {
  const before = new Map<string, Fragment | null>([
    ['a.py', file('a.py', [symbol('a.f', 'A'), symbol('a.g', 'A', { end_line: 3 })], [calls('a.f', 'b.h')])],
    ['b.py', file('b.py', [symbol('b.h', 'A')], [])],
    ['c.py', file('c.py', [symbol('c.k', 'A')], [calls('c.k', 'b.h')])],
  ]);

  it('reports nodes and relationships added, removed and changed, by id and by type and ends', () => {
    const after = new Map<string, Fragment | null>([
      // a.g changed its end line, a.f's call moved to another line and a new call appeared, a.n is new.
      [
        'a.py',
        file(
          'a.py',
          [symbol('a.f', 'B'), symbol('a.g', 'B', { end_line: 4 }), symbol('a.n', 'B')],
          [calls('a.f', 'b.h', 2), calls('a.n', 'c.k')],
        ),
      ],
      // c.py is gone, with its symbol and its call.
      ['c.py', null],
    ]);
    const diff = graphDifference(before, after);
    expect(diff.nodes.added.map((n) => n.row.node_id)).toEqual(['a.n']);
    expect(diff.nodes.removed.map((n) => n.row.node_id)).toEqual(['c.k']);
    expect(diff.nodes.changed.map((c) => [c.before.row.props.end_line, c.after.row.props.end_line])).toEqual([[3, 4]]);
    expect(diff.relationships.added.map((r) => `${r.row.source}->${r.row.target}`)).toEqual(['a.n->c.k']);
    expect(diff.relationships.removed.map((r) => `${r.row.source}->${r.row.target}`)).toEqual(['c.k->b.h']);
    expect(diff.relationships.changed.map((c) => [c.before.row.props.line, c.after.row.props.line])).toEqual([[1, 2]]);
  });

  it('ignores the commit stamps and the owners the run did not recompute', () => {
    // b.py is not in `after`: it is the same at both commits. a.py was recomputed at another commit only.
    const after = new Map<string, Fragment | null>([
      [
        'a.py',
        {
          ...before.get('a.py')!,
          nodes: before
            .get('a.py')!
            .nodes.map((n) => symbol(n.row.node_id, 'B', n.row.props.end_line == null ? {} : { end_line: 3 })),
        },
      ],
    ]);
    const diff = graphDifference(before, after);
    expect(diff).toEqual({
      nodes: { added: [], removed: [], changed: [] },
      relationships: { added: [], removed: [], changed: [] },
    });
  });

  it('takes an owner absent before as new', () => {
    const diff = graphDifference(before, new Map([['d.py', file('d.py', [symbol('d.x', 'B')], [])]]));
    expect(diff.nodes.added.map((n) => n.row.node_id)).toEqual(['d.x']);
    expect(diff.nodes.removed).toEqual([]);
  });
});
