import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/config/read-config.js';
import { buildGraph } from '../../../src/graph/build-graph.js';
import { nodeFileName, relFileName, type NodeRow, type RelRow } from '../../../src/graph/graph-model.js';
import { parseRepository } from '../../../src/parsers/parse-repository.js';

const REPO = fileURLToPath(new URL('../../fixtures/graph/repos/python-precision/', import.meta.url));

// Hand-checked call graph of the fixture: every call whose callee is defined in the fixture, with the caller a
// reader would name (the nearest named function, the file for module-level code). Calls into the standard
// library (`sum`, `object`) and to unknown names (`self.unknown.wait()`, `opaque().debug()`) have no edge, and
// neither has a loop over a literal that holds anything but classes (`mixed`).
const EXPECTED: Record<string, string[]> = {
  'nested defs': [
    'app/nested_defs.py -> app/nested_defs.py#top_helper',
    'app/nested_defs.py#Walker.walk -> app/nested_defs.py#Walker.walk.recurse',
    'app/nested_defs.py#Walker.walk.recurse -> app/nested_defs.py#Walker.enter',
    'app/nested_defs.py#outer -> app/nested_defs.py#outer.total',
    'app/nested_defs.py#outer -> app/nested_defs.py#outer.visit',
    'app/nested_defs.py#outer.total -> app/nested_defs.py#outer.visit',
    'app/nested_defs.py#outer.visit -> app/nested_defs.py#top_helper',
  ],
  'attribute-typed receivers': [
    'app/attribute_receivers.py#Queue.__init__ -> app/sync.py#Condition',
    'app/attribute_receivers.py#Queue.__init__ -> app/sync.py#Logger',
    'app/attribute_receivers.py#Queue.get -> app/sync.py#Condition.notify_all',
    'app/attribute_receivers.py#Queue.get -> app/sync.py#Condition.wait',
    'app/attribute_receivers.py#Queue.put -> app/sync.py#Condition.notify_all',
    'app/attribute_receivers.py#Queue.put -> app/sync.py#Logger.debug',
  ],
  'return-typed receivers': [
    'app/return_receivers.py -> app/sync.py#get_logger',
    'app/return_receivers.py#work -> app/return_receivers.py#opaque',
    'app/return_receivers.py#work -> app/sync.py#Condition.notify_all',
    'app/return_receivers.py#work -> app/sync.py#Logger.debug',
    'app/return_receivers.py#work -> app/sync.py#get_logger',
    'app/return_receivers.py#work -> app/sync.py#make_condition',
    'app/sync.py -> app/sync.py#Manager',
    'app/sync.py#Manager.get_logger -> app/sync.py#Logger',
    'app/sync.py#get_logger -> app/sync.py#Manager.get_logger',
    'app/sync.py#make_condition -> app/sync.py#Condition',
  ],
  'loop over a literal tuple of classes': [
    'app/class_loop.py#Reader.make -> app/class_loop.py#Reader',
    'app/class_loop.py#Writer.make -> app/class_loop.py#Writer',
    'app/class_loop.py#make_all -> app/class_loop.py#Reader.make',
    'app/class_loop.py#make_all -> app/class_loop.py#Writer.make',
    'app/class_loop.py#open_all -> app/class_loop.py#Reader',
    'app/class_loop.py#open_all -> app/class_loop.py#Reader.open',
    'app/class_loop.py#open_all -> app/class_loop.py#Writer',
    'app/class_loop.py#open_all -> app/class_loop.py#Writer.open',
  ],
  'inherited methods': [
    'app/inherited_methods.py#Base.start -> app/inherited_methods.py#Base.configure',
    'app/inherited_methods.py#Child.run -> app/inherited_methods.py#Base.configure',
    'app/inherited_methods.py#Child.run -> app/inherited_methods.py#Base.start',
    'app/inherited_methods.py#Event.fire -> app/sync.py#Condition.notify_all',
    'app/inherited_methods.py#use -> app/inherited_methods.py#Base.start',
    'app/inherited_methods.py#use -> app/inherited_methods.py#Child',
    'app/inherited_methods.py#use -> app/inherited_methods.py#Event',
    'app/inherited_methods.py#use -> app/sync.py#Condition.wait',
  ],
};

async function rows<T>(file: string): Promise<T[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as T);
}

describe('Python call precision on hand-checked fixtures (test/fixtures/graph/repos/python-precision)', () => {
  let scratch: string;
  let edges: string[];
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'python-precision-'));
    const parsedPath = path.join(scratch, 'parsed.ndjson');
    await parseRepository({ root: REPO, outputPath: parsedPath, config: { ...readConfig({}).parser, threads: 1 } });
    const outDir = path.join(scratch, 'graph');
    await buildGraph({
      parsedPath,
      repoRoot: REPO,
      outDir,
      repoId: 'precision',
      branch: 'main',
      githubRepoId: null,
      commitSha: null,
    });
    const names = new Map<string, string>();
    for (const label of ['FileNode', 'SymbolNode'] as const) {
      for (const row of await rows<NodeRow>(path.join(outDir, nodeFileName(label)))) {
        const qname = row.props.qualified_name;
        names.set(row.node_id, `${row.props.relative_path}${qname == null ? '' : `#${qname}`}`);
      }
    }
    edges = (await rows<RelRow>(path.join(outDir, relFileName('CALLS'))))
      .map((rel) => `${names.get(rel.source)} -> ${names.get(rel.target)}`)
      .sort();
  });
  afterAll(async () => rm(scratch, { recursive: true, force: true }));

  it.each(Object.entries(EXPECTED))('%s: exactly the hand-checked edges of their files', (_case, expected) => {
    const files = new Set(expected.map((e) => e.split(/[ #]/)[0]));
    expect(edges.filter((e) => files.has(e.split(/[ #]/)[0]))).toEqual([...expected].sort());
  });

  it('has no edge outside the hand-checked ones (precision) and misses none (recall)', () => {
    const expected = new Set(Object.values(EXPECTED).flat());
    const matched = edges.filter((e) => expected.has(e)).length;
    expect({ precision: matched / edges.length, recall: matched / expected.size }).toEqual({ precision: 1, recall: 1 });
  });
});
