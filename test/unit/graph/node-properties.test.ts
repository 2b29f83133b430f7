import { describe, expect, it } from 'vitest';
import { fileNodeRow, symbolRows, textRows, type RowContext } from '../../../src/graph/file-node-rows.js';
import { NODE_PROPERTIES } from '../../../src/graph/graph-model.js';
import { emptyParsedFile } from '../../../src/parsers/parse-file.js';

const ctx: RowContext = { repoId: 'r', branch: 'main', commitSha: 'c', githubRepoId: 7 };

// The writer sends node rows as values in the order of NODE_PROPERTIES: a property the builders make but the
// list lacks would never reach Neo4j.
describe('NODE_PROPERTIES', () => {
  it('lists exactly the properties the row builders make, plus node_id and element_hash', () => {
    const file = emptyParsedFile('pkg/a.py', 10, 'hash');
    file.language = 'python';
    file.symbols = [
      {
        kind: 'function',
        name: 'f',
        qualifiedName: 'f',
        startLine: 1,
        endLine: 2,
        startColumn: 0,
        endColumn: 1,
        signature: 'def f():',
        docstring: 'doc',
        fingerprint: 'fp',
        parent: null,
      },
    ];
    file.chunks = [{ relativePath: 'pkg/a.py', index: 0, text: 'x', startLine: 0, endLine: 1 }];
    const made = {
      FileNode: [fileNodeRow(ctx, 'pkg/a.py', 'a.py', file), fileNodeRow(ctx, 'pkg', 'pkg', null)],
      SymbolNode: symbolRows(ctx, file, ['id-f']).nodes,
      TextNode: textRows(ctx, file).nodes,
    };
    for (const [label, rows] of Object.entries(made) as [keyof typeof NODE_PROPERTIES, typeof made.FileNode][]) {
      for (const row of rows) {
        expect([...Object.keys(row.props), 'node_id', 'element_hash'].sort()).toEqual([...NODE_PROPERTIES[label]].sort());
      }
    }
  });
});
