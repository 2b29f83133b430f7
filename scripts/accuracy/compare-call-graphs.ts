import type { CompilerCallSite, CompilerDeclaration, ExclusionReason } from './compiler-call-graph.js';
import type { RepographCallGraph, RepographCallSite } from './repograph-call-graph.js';

/** Counts and examples of one category of missed or wrong edges. */
export interface Category {
  count: number;
  examples: string[];
}

/** The comparison of repograph's CALLS edges with the compiler's. */
export interface AccuracyReport {
  truthEdges: number;
  ourEdges: number;
  matched: number;
  precision: number;
  recall: number;
  /** Truth edges repograph lacks, by why. */
  falseNegatives: Record<string, Category>;
  /** Repograph edges the compiler does not have, by why. */
  falsePositives: Record<string, Category>;
  /** Compiler call sites left out of the ground truth, by reason. */
  excludedSites: Record<string, number>;
  /** Named function-likes the compiler sees as callers or callees, and how many have no repograph symbol. */
  declarations: { seen: number; withoutSymbol: number };
}

const EXAMPLES = Number(process.env.ACCURACY_EXAMPLES ?? 4);

interface Edge {
  caller: string;
  target: string;
  sites: { file: string; line: number; callee: string }[];
}

function siteKey(file: string, line: number, callee: string): string {
  return `${file}:${line}:${callee}`;
}

function add(categories: Record<string, Category>, name: string, example: string): void {
  const category = (categories[name] ??= { count: 0, examples: [] });
  category.count++;
  if (category.examples.length < EXAMPLES) category.examples.push(example);
}

/**
 * Maps a compiler declaration onto a repograph node: the file node for a file; otherwise the innermost symbol of
 * the same file with the same name whose line span contains the declaration's name line. Null when there is none.
 */
export function matchDeclaration(graph: RepographCallGraph, declaration: CompilerDeclaration): string | null {
  if (declaration.kind === 'file') return graph.fileIds.get(declaration.file) ?? null;
  let best: { id: string; span: number } | null = null;
  for (const s of graph.symbols.get(declaration.file) ?? []) {
    if (s.name !== declaration.name || s.startLine > declaration.nameLine || s.endLine < declaration.nameLine) continue;
    const span = s.endLine - s.startLine;
    if (best == null || span < best.span) best = { id: s.nodeId, span };
  }
  return best?.id ?? null;
}

function describe(d: CompilerDeclaration): string {
  return d.kind === 'file' ? d.file : `${d.file}:${d.nameLine} ${d.name}`;
}

/** Compares the compiler's call sites with repograph's (see docs/accuracy-benchmark.md for the rules). */
export function compareCallGraphs(truthSites: CompilerCallSite[], graph: RepographCallGraph): AccuracyReport {
  const excludedSites: Record<string, number> = {};
  const excludedAt = new Map<string, ExclusionReason>();
  const truth = new Map<string, Edge>();
  const truthAt = new Map<string, { caller: string; target: string }[]>();
  const unmatched = new Set<string>();
  const seen = new Set<string>();
  const idOf = (d: CompilerDeclaration): string => {
    const id = matchDeclaration(graph, d);
    const key = `?${describe(d)}`;
    if (d.kind !== 'file') seen.add(key);
    if (id == null && d.kind !== 'file') unmatched.add(key);
    return id ?? key;
  };
  for (const site of truthSites) {
    const at = siteKey(site.file, site.line, site.callee);
    if (typeof site.target === 'string') {
      excludedSites[site.target] = (excludedSites[site.target] ?? 0) + 1;
      excludedAt.set(at, site.target);
      continue;
    }
    const caller = idOf(site.caller);
    const target = idOf(site.target);
    if (caller === target) {
      excludedSites['recursive call'] = (excludedSites['recursive call'] ?? 0) + 1;
      continue;
    }
    const key = `${caller}->${target}`;
    const edge = truth.get(key) ?? { caller, target, sites: [] };
    edge.sites.push({ file: site.file, line: site.line, callee: site.callee });
    truth.set(key, edge);
    const list = truthAt.get(at) ?? [];
    list.push({ caller, target });
    truthAt.set(at, list);
  }
  const ours = new Map<string, Edge>();
  const oursAt = new Map<string, RepographCallSite[]>();
  for (const site of graph.sites) {
    const at = siteKey(site.file, site.line, site.callee);
    const list = oursAt.get(at) ?? [];
    list.push(site);
    oursAt.set(at, list);
    if (site.target == null) continue;
    const key = `${site.caller}->${site.target}`;
    const edge = ours.get(key) ?? { caller: site.caller, target: site.target, sites: [] };
    edge.sites.push({ file: site.file, line: site.line, callee: site.callee });
    ours.set(key, edge);
  }
  const name = (id: string): string => graph.names.get(id) ?? id;
  const falseNegatives: Record<string, Category> = {};
  let matched = 0;
  for (const [key, edge] of truth) {
    if (ours.has(key)) {
      matched++;
      continue;
    }
    const site = edge.sites[0];
    if (site == null) continue;
    const where = `${site.file}:${site.line} ${site.callee}()`;
    const example = `${where}: ${name(edge.caller)} -> ${name(edge.target)}`;
    add(falseNegatives, missCategory(edge, oursAt.get(siteKey(site.file, site.line, site.callee)) ?? []), example);
  }
  const falsePositives: Record<string, Category> = {};
  for (const [key, edge] of ours) {
    if (truth.has(key)) continue;
    const site = edge.sites[0];
    if (site == null) continue;
    const at = siteKey(site.file, site.line, site.callee);
    const example = `${site.file}:${site.line} ${site.callee}(): ${name(edge.caller)} -> ${name(edge.target)}`;
    add(falsePositives, wrongCategory(edge, truthAt.get(at) ?? [], excludedAt.get(at)), example);
  }
  const ourEdges = ours.size;
  return {
    truthEdges: truth.size,
    ourEdges,
    matched,
    precision: ourEdges === 0 ? 1 : matched / ourEdges,
    recall: truth.size === 0 ? 1 : matched / truth.size,
    falseNegatives,
    falsePositives,
    excludedSites,
    declarations: { seen: seen.size, withoutSymbol: unmatched.size },
  };
}

const SELF = new Set(['this', 'self', 'super']);

function missCategory(edge: Edge, ourSites: RepographCallSite[]): string {
  if (edge.caller.startsWith('?')) return 'caller is not a symbol';
  if (edge.target.startsWith('?')) return 'callee is not a symbol';
  if (ourSites.length === 0) return 'call not extracted';
  if (ourSites.some((s) => s.target === edge.target)) return 'wrong caller';
  const resolved = ourSites.find((s) => s.target != null);
  if (resolved != null) return 'resolved to another symbol';
  const receiver = ourSites[0]?.receiver ?? null;
  if (receiver == null) return 'unresolved: bare name';
  if (SELF.has(receiver) || receiver.startsWith('this.') || receiver.startsWith('self.')) {
    return receiver.includes('.') ? 'unresolved: attribute of this/self' : 'unresolved: this/self member';
  }
  return 'unresolved: receiver type unknown';
}

function wrongCategory(
  edge: Edge,
  truthSites: { caller: string; target: string }[],
  excluded: ExclusionReason | undefined,
): string {
  if (truthSites.some((t) => t.target === edge.target)) return 'wrong caller';
  if (truthSites.length > 0) return 'wrong callee';
  if (excluded != null) return `compiler: ${excluded}`;
  return 'no such call for the compiler';
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)} %`;
}

/** The report as the benchmark prints it. */
export function formatReport(report: AccuracyReport): string {
  const lines = [
    `compiler edges      ${report.truthEdges}`,
    `repograph edges     ${report.ourEdges}`,
    `matched             ${report.matched}`,
    `precision           ${percent(report.precision)}`,
    `recall              ${percent(report.recall)}`,
    `declarations        ${report.declarations.seen} named function-likes and classes in edges, ${report.declarations.withoutSymbol} without a symbol`,
    '',
    'excluded compiler call sites:',
    ...Object.entries(report.excludedSites)
      .sort((a, b) => b[1] - a[1])
      .map(([reason, count]) => `  ${reason}: ${count}`),
  ];
  const section = (title: string, categories: Record<string, Category>, total: number): void => {
    lines.push('', `${title}:`);
    for (const [category, { count, examples }] of Object.entries(categories).sort((a, b) => b[1].count - a[1].count)) {
      lines.push(`  ${category}: ${count} (${percent(total === 0 ? 0 : count / total)})`);
      for (const example of examples) lines.push(`      ${example}`);
    }
  };
  section(
    'false negatives (compiler edges repograph misses), share of compiler edges',
    report.falseNegatives,
    report.truthEdges,
  );
  section(
    'false positives (repograph edges the compiler lacks), share of repograph edges',
    report.falsePositives,
    report.ourEdges,
  );
  return lines.join('\n');
}
