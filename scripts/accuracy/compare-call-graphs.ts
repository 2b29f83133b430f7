import { missCategory, wrongCategory, type Edge, type SymbolsById, type TruthAt } from './categorise-edges.js';
import type { RepographCallGraph, RepographCallSite } from './repograph-call-graph.js';
import type { ExclusionReason, TruthCallSite, TruthDeclaration } from './truth-call-site.js';

/** Counts and examples of one category of missed or wrong edges. */
export interface Category {
  count: number;
  examples: string[];
}

/** The comparison of repograph's CALLS edges with the truth's. */
export interface AccuracyReport {
  truthEdges: number;
  ourEdges: number;
  matched: number;
  precision: number;
  recall: number;
  /** Truth edges repograph lacks, by why. */
  falseNegatives: Record<string, Category>;
  /** Repograph edges the truth does not have, by why. */
  falsePositives: Record<string, Category>;
  /** Truth call sites left out of the ground truth, by reason. */
  excludedSites: Record<string, number>;
  /** Named function-likes the truth sees as callers or callees, and how many have no repograph symbol. */
  declarations: { seen: number; withoutSymbol: number };
  /** Repograph call sites left out of the score: the truth has several targets there and one of them is ours. */
  acceptedAmbiguous: number;
}

const EXAMPLES = Number(process.env.ACCURACY_EXAMPLES ?? 4);

function siteKey(file: string, line: number, callee: string): string {
  return `${file}:${line}:${callee}`;
}

function add(categories: Record<string, Category>, name: string, example: string): void {
  const category = (categories[name] ??= { count: 0, examples: [] });
  category.count++;
  if (category.examples.length < EXAMPLES) category.examples.push(example);
}

// A member named by a string literal (`"~validate"() {}`) is a symbol named with its quotes.
function unquoted(name: string): string {
  return /^(["'`]).*\1$/.test(name) ? name.slice(1, -1) : name;
}

/**
 * Maps a truth declaration onto a repograph node: the file node for a file; otherwise the innermost symbol of
 * the same file with the same name whose line span contains the declaration's name line. Null when there is none.
 */
export function matchDeclaration(graph: RepographCallGraph, declaration: TruthDeclaration): string | null {
  if (declaration.kind === 'file') return graph.fileIds.get(declaration.file) ?? null;
  let best: { id: string; span: number } | null = null;
  for (const s of graph.symbols.get(declaration.file) ?? []) {
    if (unquoted(s.name) !== declaration.name) continue;
    if (s.startLine > declaration.nameLine || s.endLine < declaration.nameLine) continue;
    const span = s.endLine - s.startLine;
    if (best == null || span < best.span) best = { id: s.nodeId, span };
  }
  return best?.id ?? null;
}

function describe(d: TruthDeclaration): string {
  return d.kind === 'file' ? d.file : `${d.file}:${d.nameLine} ${d.name}`;
}

/** Compares the truth's call sites with repograph's (see docs/accuracy-benchmark.md for the rules). */
export function compareCallGraphs(truthSites: TruthCallSite[], graph: RepographCallGraph): AccuracyReport {
  const excludedSites: Record<string, number> = {};
  const excludedAt = new Map<string, ExclusionReason>();
  const truth = new Map<string, Edge>();
  const truthAt = new Map<string, TruthAt[]>();
  // Sites the truth resolves to several definitions: a repograph edge to one of them is neither right nor wrong.
  const candidatesAt = new Map<string, Set<string>>();
  let acceptedAmbiguous = 0;
  const unmatched = new Set<string>();
  const seen = new Set<string>();
  const idOf = (d: TruthDeclaration): string => {
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
      const candidates = (site.candidates ?? []).map((d) => matchDeclaration(graph, d));
      if (candidates.length > 0) candidatesAt.set(at, new Set(candidates.filter((id) => id != null)));
      continue;
    }
    const caller = idOf(site.caller);
    const target = idOf(site.target);
    if (caller === target) {
      excludedSites['recursive call'] = (excludedSites['recursive call'] ?? 0) + 1;
      continue;
    }
    const key = `${caller}->${target}`;
    const edge = truth.get(key) ?? { caller, target, declaration: site.target, sites: [] };
    edge.sites.push({ file: site.file, line: site.line, callee: site.callee, receiver: site.receiver });
    truth.set(key, edge);
    const list = truthAt.get(at) ?? [];
    list.push({ caller, target, declaration: site.target });
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
    if (candidatesAt.get(at)?.has(site.target) === true) {
      acceptedAmbiguous++;
      continue;
    }
    const key = `${site.caller}->${site.target}`;
    const edge = ours.get(key) ?? { caller: site.caller, target: site.target, sites: [] };
    edge.sites.push({ file: site.file, line: site.line, callee: site.callee });
    ours.set(key, edge);
  }
  const name = (id: string): string => graph.names.get(id) ?? id;
  const symbols: SymbolsById = new Map();
  for (const [file, list] of graph.symbols) for (const symbol of list) symbols.set(symbol.nodeId, { file, symbol });
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
    const category = missCategory(edge, oursAt.get(siteKey(site.file, site.line, site.callee)) ?? [], symbols);
    add(falseNegatives, category, example);
  }
  const falsePositives: Record<string, Category> = {};
  for (const [key, edge] of ours) {
    if (truth.has(key)) continue;
    const site = edge.sites[0];
    if (site == null) continue;
    const at = siteKey(site.file, site.line, site.callee);
    const example = `${site.file}:${site.line} ${site.callee}(): ${name(edge.caller)} -> ${name(edge.target)}`;
    add(falsePositives, wrongCategory(edge, truthAt.get(at) ?? [], excludedAt.get(at), symbols), example);
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
    acceptedAmbiguous,
  };
}

/** `12.3 %`. */
export function percent(value: number): string {
  return `${(value * 100).toFixed(1)} %`;
}

/** The report as the benchmark prints it. */
export function formatReport(report: AccuracyReport): string {
  const lines = [
    `truth edges         ${report.truthEdges}`,
    `repograph edges     ${report.ourEdges}`,
    `matched             ${report.matched}`,
    `precision           ${percent(report.precision)}`,
    `recall              ${percent(report.recall)}`,
    `declarations        ${report.declarations.seen} named function-likes and classes in edges, ${report.declarations.withoutSymbol} without a symbol`,
    `several targets     ${report.acceptedAmbiguous} repograph call sites left out: one of the truth's targets`,
    '',
    'call sites left out of the truth:',
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
    'false negatives (truth edges repograph misses), share of truth edges',
    report.falseNegatives,
    report.truthEdges,
  );
  section(
    'false positives (repograph edges the truth lacks), share of repograph edges',
    report.falsePositives,
    report.ourEdges,
  );
  return lines.join('\n');
}
