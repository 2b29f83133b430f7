import { percent, type AccuracyReport } from './compare-call-graphs.js';

/** One corpus's result as the summary table shows it. */
export interface CorpusResult {
  name: string;
  language: string;
  files: number;
  seconds: number;
  report: AccuracyReport;
}

/** The targets for every corpus. */
export const TARGETS = { precision: 0.97, recall: 0.9 };

function totalOf(results: CorpusResult[]): AccuracyReport {
  const sum = (pick: (r: AccuracyReport) => number): number => results.reduce((n, r) => n + pick(r.report), 0);
  const merge = (pick: (r: AccuracyReport) => AccuracyReport['falseNegatives']): AccuracyReport['falseNegatives'] => {
    const merged: AccuracyReport['falseNegatives'] = {};
    for (const result of results) {
      for (const [name, category] of Object.entries(pick(result.report))) {
        (merged[name] ??= { count: 0, examples: [] }).count += category.count;
      }
    }
    return merged;
  };
  const truthEdges = sum((r) => r.truthEdges);
  const ourEdges = sum((r) => r.ourEdges);
  const matched = sum((r) => r.matched);
  return {
    truthEdges,
    ourEdges,
    matched,
    precision: ourEdges === 0 ? 1 : matched / ourEdges,
    recall: truthEdges === 0 ? 1 : matched / truthEdges,
    falseNegatives: merge((r) => r.falseNegatives),
    falsePositives: merge((r) => r.falsePositives),
    excludedSites: {},
    declarations: { seen: sum((r) => r.declarations.seen), withoutSymbol: sum((r) => r.declarations.withoutSymbol) },
    acceptedAmbiguous: sum((r) => r.acceptedAmbiguous),
  };
}

/**
 * One table of every corpus (columns) and their total: edge counts, precision and recall against the targets,
 * then missed and wrong edges per category (count, and share of the truth's or repograph's edges in the total).
 */
export function formatSummaryTable(results: CorpusResult[]): string {
  const total = totalOf(results);
  const columns = [...results.map((r) => ({ name: r.name, report: r.report })), { name: 'total', report: total }];
  const width = Math.max(9, ...columns.map((c) => c.name.length + 1));
  const rows: [string, string[]][] = [];
  const row = (label: string, cell: (report: AccuracyReport) => string): void => {
    rows.push([label, columns.map((c) => cell(c.report))]);
  };
  rows.push(['', columns.map((c) => c.name)]);
  rows.push(['language', [...results.map((r) => r.language), '']]);
  rows.push(['files', [...results.map((r) => String(r.files)), String(results.reduce((n, r) => n + r.files, 0))]]);
  rows.push([
    'seconds',
    [...results.map((r) => r.seconds.toFixed(0)), results.reduce((n, r) => n + r.seconds, 0).toFixed(0)],
  ]);
  row('truth edges', (r) => String(r.truthEdges));
  row('repograph edges', (r) => String(r.ourEdges));
  row('matched', (r) => String(r.matched));
  row('precision', (r) => percent(r.precision));
  row('recall', (r) => percent(r.recall));
  row(`targets (${TARGETS.precision * 100} % / ${TARGETS.recall * 100} %)`, (r) =>
    r.precision >= TARGETS.precision && r.recall >= TARGETS.recall ? 'met' : 'not met',
  );
  const section = (
    title: string,
    pick: (r: AccuracyReport) => AccuracyReport['falseNegatives'],
    of: (r: AccuracyReport) => number,
  ): void => {
    rows.push([title, columns.map(() => '')]);
    const names = Object.entries(pick(total)).sort((a, b) => b[1].count - a[1].count);
    for (const [name] of names) {
      row(`  ${name}`, (r) => {
        const count = pick(r)[name]?.count ?? 0;
        return count === 0 ? '.' : `${count} ${((count / Math.max(1, of(r))) * 100).toFixed(1)}%`;
      });
    }
  };
  section(
    'missed edges (count, share of truth edges)',
    (r) => r.falseNegatives,
    (r) => r.truthEdges,
  );
  section(
    'wrong edges (count, share of repograph edges)',
    (r) => r.falsePositives,
    (r) => r.ourEdges,
  );
  const cellWidth = Math.max(width, ...rows.flatMap(([, cells]) => cells.map((c) => c.length + 1)));
  const labelWidth = Math.max(...rows.map(([label]) => label.length)) + 1;
  return rows
    .map(([label, cells]) => label.padEnd(labelWidth) + cells.map((c) => c.padStart(cellWidth)).join(''))
    .join('\n');
}
