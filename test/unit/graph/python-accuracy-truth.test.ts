import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { OVERLOAD_CATEGORY, RECEIVER_CATEGORIES } from '../../../scripts/accuracy/categorise-edges.js';
import { compareCallGraphs, formatReport, matchDeclaration } from '../../../scripts/accuracy/compare-call-graphs.js';
import { pythonCorpusFiles } from '../../../scripts/accuracy/python-accuracy.js';
import { repographCallGraph, type RepographCallGraph } from '../../../scripts/accuracy/repograph-call-graph.js';
import type { TruthCallSite } from '../../../scripts/accuracy/truth-call-site.js';

const FIXTURE = fileURLToPath(new URL('../../fixtures/accuracy/py-corpus/', import.meta.url));
// Written by scripts/accuracy/jedi-call-graph.py from the fixture (the command is in docs/accuracy-benchmark.md).
const TRUTH = fileURLToPath(new URL('../../fixtures/accuracy/py-corpus.truth.json', import.meta.url));

interface StoredTruth {
  jedi: string;
  files: Record<string, string>;
  sites: TruthCallSite[];
}

const key = (file: string, line: number, callee: string): string => `${file}:${line}:${callee}`;

// Repograph's call sites of the fixture with their targets replaced by `pick` (null: unresolved); with `callers`,
// their callers by the truth's too.
function retarget(
  graph: RepographCallGraph,
  pick: (truth: TruthCallSite | undefined) => string | null,
  callers = false,
): RepographCallGraph {
  const truthAt = new Map(truth.sites.map((s) => [key(s.file, s.line, s.callee), s]));
  const sites = graph.sites.map((s) => {
    const site = truthAt.get(key(s.file, s.line, s.callee));
    const caller = callers && site != null ? (matchDeclaration(graph, site.caller) ?? s.caller) : s.caller;
    return { ...s, caller, target: pick(site) };
  });
  return { ...graph, sites };
}

// The `# category: <key>` markers of the fixture: which category each marked call's miss belongs to.
function markers(files: string[]): { at: string; category: string }[] {
  const found: { at: string; category: string }[] = [];
  for (const file of files) {
    readFileSync(path.join(FIXTURE, file), 'utf8')
      .split('\n')
      .forEach((text, i) => {
        const match = /# category: (\w+)/.exec(text);
        if (match?.[1] == null) return;
        const category = RECEIVER_CATEGORIES[match[1] as keyof typeof RECEIVER_CATEGORIES];
        if (category == null) throw new Error(`${file}:${i + 1}: unknown category ${match[1]}`);
        found.push({ at: `${file}:${i + 1} `, category });
      });
  }
  return found;
}

let truth: StoredTruth;
let files: string[];
let graph: RepographCallGraph;

// The benchmark's Python scoring on a checked-in corpus with a stored jedi truth: matching of callers and callees
// to repograph's symbols, the categories of missed edges, and overload signatures as targets. No network, no jedi.
describe('Python accuracy truth (test/fixtures/accuracy/py-corpus)', () => {
  beforeAll(async () => {
    truth = JSON.parse(readFileSync(TRUTH, 'utf8')) as StoredTruth;
    files = pythonCorpusFiles(FIXTURE, ['shop']);
    graph = await repographCallGraph(path.resolve(FIXTURE), files, []);
  });

  it('was built by the jedi script from these very files', () => {
    expect(Object.keys(truth.files).sort()).toEqual(files);
    for (const file of files) {
      const hash = createHash('sha256')
        .update(readFileSync(path.join(FIXTURE, file), 'utf8'))
        .digest('hex');
      expect(truth.files[file], `${file} changed: regenerate ${TRUTH}`).toBe(hash);
    }
  });

  it('matches every caller and callee of the truth to a repograph symbol', () => {
    const report = compareCallGraphs(truth.sites, graph);
    expect(report.declarations.seen).toBeGreaterThanOrEqual(20);
    expect(report.declarations.withoutSymbol, formatReport(report)).toBe(0);
  });

  it('scores a graph with exactly the truth edges 100 % / 100 %', () => {
    const target = (t: TruthCallSite | undefined): string | null =>
      t == null || typeof t.target === 'string' ? null : matchDeclaration(graph, t.target);
    const report = compareCallGraphs(truth.sites, retarget(graph, target, true));
    expect(report.truthEdges).toBeGreaterThanOrEqual(25);
    expect(report.precision, formatReport(report)).toBe(1);
    expect(report.recall, formatReport(report)).toBe(1);
  });

  it("takes a call at module level, in a class body or in a default value as the enclosing scope's", () => {
    const callerOf = (file: string, line: number, callee: string): string | undefined =>
      truth.sites.find((s) => s.file === file && s.line === line && s.callee === callee)?.caller.name;
    expect(callerOf('shop/service.py', 50, 'main')).toBe('shop/service.py');
    expect(callerOf('shop/service.py', 43, 'make_cart')).toBe('shop/service.py');
    expect(callerOf('shop/service.py', 44, 'make_cart')).toBe('main');
    expect(callerOf('shop/models.py', 22, 'convert')).toBe('Cart');
  });

  it('takes cls() in a classmethod as a call of the class', () => {
    const site = truth.sites.find((s) => s.callee === 'cls');
    expect(site?.caller.name).toBe('empty');
    expect(site?.target).toMatchObject({ kind: 'class', name: 'Catalog' });
  });

  it('puts each unresolved call in the category its receiver annotation calls for', () => {
    const report = compareCallGraphs(
      truth.sites,
      retarget(graph, () => null),
    );
    const expected = markers(files);
    expect(expected.length).toBeGreaterThanOrEqual(9);
    for (const { at, category } of expected) {
      const examples = report.falseNegatives[category]?.examples ?? [];
      expect(
        examples.some((e) => e.startsWith(at)),
        `${at} in ${category}\n${formatReport(report)}`,
      ).toBe(true);
    }
    for (const category of new Set(expected.map((m) => m.category))) {
      expect(report.falseNegatives[category]?.count).toBe(expected.filter((m) => m.category === category).length);
    }
  });

  it('counts a call resolved to an overload signature as that, both as a miss and as a wrong edge', () => {
    const signature = graph.symbols.get('shop/models.py')?.find((s) => s.name === 'convert' && s.startLine === 7);
    expect(signature).toBeDefined();
    const overloaded = retarget(graph, (t) => {
      if (t == null || typeof t.target === 'string') return null;
      return t.callee === 'convert' ? (signature?.nodeId ?? null) : matchDeclaration(graph, t.target);
    });
    const report = compareCallGraphs(truth.sites, overloaded);
    const convertEdges = new Set(truth.sites.filter((s) => s.callee === 'convert').map((s) => s.caller.name)).size;
    expect(convertEdges).toBe(2);
    expect(report.falseNegatives[OVERLOAD_CATEGORY]?.count, formatReport(report)).toBe(convertEdges);
    expect(report.falsePositives[OVERLOAD_CATEGORY]?.count, formatReport(report)).toBe(convertEdges);
  });
});
