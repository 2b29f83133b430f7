import { cp, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccuracyReport } from '../../../scripts/accuracy/compare-call-graphs.js';
import { formatReport } from '../../../scripts/accuracy/compare-call-graphs.js';
import { measureAccuracy } from '../../../scripts/accuracy/measure-accuracy.js';
import { directoryCorpus } from '../../../scripts/accuracy/typescript-corpus.js';

const FIXTURE = fileURLToPath(new URL('../../fixtures/accuracy/ts-corpus/', import.meta.url));

// The CI size of `npm run bench:accuracy`: the same comparison with the TypeScript compiler's call graph, on a
// checked-in corpus that has each construct the benchmark measures (nested and object-literal functions, typed
// fields, return types, inherited methods, module-level calls, interface-typed receivers the compiler excludes).
describe('call-graph accuracy against the TypeScript compiler (test/fixtures/accuracy/ts-corpus)', () => {
  let scratch: string;
  let report: AccuracyReport;
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'accuracy-'));
    await cp(FIXTURE, scratch, { recursive: true });
    // The fixtures are stored as `*.ts.fixture` so the project's own typecheck skips them.
    for (const entry of await readdir(scratch, { recursive: true })) {
      if (entry.endsWith('.fixture')) await rename(path.join(scratch, entry), path.join(scratch, entry.slice(0, -8)));
    }
    report = (await measureAccuracy(directoryCorpus(scratch), [])).report;
  }, 60_000);
  afterAll(async () => rm(scratch, { recursive: true, force: true }));

  it('measures a real call graph', () => {
    expect(report.truthEdges).toBeGreaterThanOrEqual(35);
    expect(report.excludedSites['signature without body']).toBeGreaterThan(0);
  });

  it('meets the precision and recall targets (97 % / 85 %)', () => {
    const summary = formatReport(report);
    expect(report.precision, summary).toBeGreaterThanOrEqual(0.97);
    expect(report.recall, summary).toBeGreaterThanOrEqual(0.85);
  });

  it('has a symbol for every named function-like the compiler sees in an edge', () => {
    expect(report.declarations.withoutSymbol, formatReport(report)).toBe(0);
  });
});
