import type { SoakLogLine } from './collect-soak-outcome.js';
import type { RssFigures } from './rss-sampler.js';
import type { SoakReport } from './run-soak.js';

/** min, median, p95 and max of some milliseconds. */
export interface Spread {
  min: number;
  median: number;
  p95: number;
  max: number;
}

function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  return { min: sorted[0] ?? NaN, median: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? NaN };
}

/** The figures a soak prints. */
export interface SoakFigures {
  pushes: number;
  repos: number;
  redeliveries: number;
  /** First push sent to last answer received. */
  pushSeconds: number;
  /** Last answer to every repository at its last commit with no run open (NaN: never). */
  settleSeconds: number;
  pushesPerSecond: number;
  /** Workflow runs (executions, continue-as-new included) and the runs that indexed a commit. */
  runs: number;
  indexingRuns: number;
  /** Pushes whose commit was never indexed itself because a newer one was pushed during a run (merged). */
  merged: number;
  /** Indexing runs completed per minute, first push to settled. */
  runsPerMinute: number;
  /** Wall time of each run, start to close. */
  runMs: Spread;
  /** Push sent → the branch's graph at that commit or a newer one. */
  pushToIndexedMs: Spread;
  /** Server answer times. */
  replyMs: Spread;
  replies: Record<string, number>;
}

/** A run indexed every push's commit or a newer one after the push was sent: the first such, per push. */
function coverage(report: SoakReport): (number | null)[] {
  return report.pushes.map((push) => {
    const repo = report.outcome.repos[push.repo]!;
    const covering = repo.snapshots.find((s) => s.commit >= push.commit && s.createdAt >= push.sentAt);
    return covering == null ? null : covering.createdAt - push.sentAt;
  });
}

/** Computes the figures of a finished soak. */
export function soakFigures(report: SoakReport): SoakFigures {
  const { repos } = report.outcome;
  const executions = repos.flatMap((r) => r.executions);
  const indexingRuns = repos.reduce((n, r) => n + r.snapshots.length, 0);
  const end = report.settledAt ?? NaN;
  const replies: Record<string, number> = {};
  for (const p of [...report.pushes, ...report.redeliveries]) {
    const key = `${p.status} ${p.reply}`;
    replies[key] = (replies[key] ?? 0) + 1;
  }
  return {
    pushes: report.pushes.length,
    repos: repos.length,
    redeliveries: report.redeliveries.length,
    pushSeconds: (report.lastReplyAt - report.firstPushAt) / 1000,
    settleSeconds: (end - report.lastReplyAt) / 1000,
    pushesPerSecond: report.pushes.length / ((report.lastReplyAt - report.firstPushAt) / 1000),
    runs: executions.length,
    indexingRuns,
    merged: report.pushes.length - indexingRuns,
    runsPerMinute: indexingRuns / ((end - report.firstPushAt) / 60_000),
    runMs: spread(executions.filter((e) => e.closeTime != null).map((e) => e.closeTime! - e.startTime)),
    pushToIndexedMs: spread(coverage(report).filter((v): v is number => v != null)),
    replyMs: spread(report.pushes.map((p) => p.repliedAt - p.sentAt)),
    replies,
  };
}

/**
 * How much a process's RSS may grow. The first half of the pushes includes warm-up (parsers and the workflow
 * bundle loaded, pools filled); the second half does the same work again, so a leak shows as growth there.
 */
export interface MemoryBound {
  /** Allowed growth of the end RSS over the RSS half-way through the pushes, as a fraction of the latter. */
  maxSecondHalfGrowth: number;
  /** Allowed peak RSS in bytes. */
  maxPeakBytes: number;
}

/**
 * Warnings that are expected and harmless: the worker of the host's own queue runs activities only, and the SDK
 * says so at start.
 */
const EXPECTED_WARNINGS: readonly RegExp[] = [/"message":"No workflows registered, not polling for workflow tasks"/];

function isExpected(line: SoakLogLine): boolean {
  return line.level === 'warn' && EXPECTED_WARNINGS.some((re) => re.test(line.message));
}

const CLOSED_OK = new Set(['COMPLETED', 'CONTINUED_AS_NEW']);

/** Every way the soak's criteria were not met, one sentence each; empty means it passed. */
export function soakProblems(report: SoakReport, memory: { server: MemoryBound; worker: MemoryBound }): string[] {
  const problems: string[] = [];
  if (report.settledAt == null) problems.push(`the runs did not settle within ${report.options.settleTimeoutMs} ms`);
  for (const repo of report.outcome.repos) {
    const name = repo.fullName;
    if (repo.indexedSha !== repo.lastPushed)
      problems.push(`${name}: indexed ${repo.indexedSha}, last pushed ${repo.lastPushed}`);
    if (repo.rootSha !== repo.lastPushed) problems.push(`${name}: graph root at ${repo.rootSha}`);
    if (repo.rebuild.status !== 'success') problems.push(`${name}: the rebuild ended ${repo.rebuild.status}`);
    for (const [what, diff] of Object.entries(repo.diff)) {
      if (diff.onlyA.length + diff.onlyB.length > 0)
        problems.push(`${name}: ${what} differ from a full rebuild: ${JSON.stringify(diff).slice(0, 600)}`);
    }
    const commits = repo.snapshots.map((s) => s.commit);
    if (commits.some((c, i) => c < 0 || (i > 0 && c <= commits[i - 1]!)))
      problems.push(`${name}: runs indexed commits out of order or twice: ${commits.join(',')}`);
    const bad = repo.executions.filter((e) => !CLOSED_OK.has(e.status));
    if (bad.length > 0) problems.push(`${name}: runs ended ${bad.map((e) => e.status).join(', ')}`);
    if (repo.executions.length !== repo.snapshots.length)
      problems.push(`${name}: ${repo.executions.length} runs but ${repo.snapshots.length} indexed a commit`);
    if (repo.executions.length > repo.pushes)
      problems.push(`${name}: ${repo.executions.length} runs for ${repo.pushes} pushes`);
  }
  const merged = soakFigures(report).merged;
  if (merged < report.holds)
    problems.push(`${merged} pushes merged into a later run, fewer than the ${report.holds} holds of the git server`);
  const lost = coverage(report).filter((c) => c == null).length;
  if (lost > 0) problems.push(`${lost} pushes were never indexed (neither their commit nor a newer one)`);
  const notAccepted = report.pushes.filter((p) => p.status >= 300 || !['started', 'queued'].includes(p.reply));
  if (notAccepted.length > 0)
    problems.push(`${notAccepted.length} pushes not accepted: ${notAccepted.map((p) => `${p.status} ${p.reply}`)}`);
  const notDuplicate = report.redeliveries.filter((p) => p.status !== 200 || p.reply !== 'duplicate');
  if (notDuplicate.length > 0) problems.push(`${notDuplicate.length} redeliveries were not recognised as duplicates`);
  const { outbox } = report.outcome;
  const delivered = new Set(report.pushes.map((p) => p.deliveryId));
  const recorded = new Set(outbox.map((o) => o.deliveryId));
  if (
    outbox.length !== report.pushes.length ||
    recorded.size !== outbox.length ||
    ![...delivered].every((d) => recorded.has(d))
  )
    problems.push(
      `outbox has ${outbox.length} rows (${recorded.size} delivery ids) for ${report.pushes.length} pushes`,
    );
  const undrained = outbox.filter((o) => o.status !== 'done');
  if (undrained.length > 0)
    problems.push(`${undrained.length} outbox rows not done: ${undrained.map((o) => o.status)}`);
  const unexpected = report.outcome.logs.filter((l) => !isExpected(l));
  if (unexpected.length > 0)
    problems.push(
      `${unexpected.length} unexpected log lines, first: ${unexpected
        .slice(0, 5)
        .map((l) => `[${l.process}] ${l.message}`)
        .join('\n')}`,
    );
  for (const name of ['server', 'worker'] as const) {
    const rss = report.rss[name];
    const half = report.rss.tenths[name][5] ?? NaN;
    const bound = memory[name];
    if (!(rss.end <= half * (1 + bound.maxSecondHalfGrowth)))
      problems.push(
        `${name} RSS grew from ${mb(half)} half-way to ${mb(rss.end)} (bound +${bound.maxSecondHalfGrowth * 100} %)`,
      );
    if (rss.peak > bound.maxPeakBytes)
      problems.push(`${name} RSS peaked at ${mb(rss.peak)} (bound ${mb(bound.maxPeakBytes)})`);
  }
  return problems;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}

function ms(s: Spread): string {
  return `min ${Math.round(s.min)} / median ${Math.round(s.median)} / p95 ${Math.round(s.p95)} / max ${Math.round(s.max)} ms`;
}

function rssLines(name: string, rss: RssFigures, tenths: readonly number[]): string[] {
  return [
    `${name.padEnd(15)} RSS start ${mb(rss.start)}, half-way ${mb(tenths[5] ?? NaN)}, peak ${mb(rss.peak)}, end ${mb(rss.end)} (${rss.samples} samples)`,
    `${''.padEnd(15)} by tenth of the pushes, then settled (MiB): ${tenths.map((b) => Math.round(b / 1024 ** 2)).join(' ')}`,
  ];
}

/** The soak's figures as the lines `npm run soak` prints. */
export function formatSoakReport(report: SoakReport): string[] {
  const f = soakFigures(report);
  return [
    `pushes          ${f.pushes} to ${f.repos} repositories over ${f.pushSeconds.toFixed(1)} s (${f.pushesPerSecond.toFixed(2)}/s), ${f.redeliveries} redeliveries`,
    `answers         ${Object.entries(f.replies)
      .map(([k, n]) => `${k}: ${n}`)
      .join(', ')}; ${ms(f.replyMs)}`,
    `runs            ${f.runs} workflow runs, ${f.indexingRuns} indexed a commit, ${f.merged} pushes merged into a later run (${report.holds} git server holds)`,
    `run latency     ${ms(f.runMs)}`,
    `push → indexed  ${ms(f.pushToIndexedMs)}`,
    `throughput      ${f.runsPerMinute.toFixed(1)} indexing runs/min; settled ${f.settleSeconds.toFixed(1)} s after the last push`,
    ...rssLines('server', report.rss.server, report.rss.tenths.server),
    ...rssLines('worker', report.rss.worker, report.rss.tenths.worker),
    ...report.outcome.repos.map(
      (r) =>
        `${r.fullName}: ${r.pushes} pushes, ${r.snapshots.length} runs, at ${r.indexedSha?.slice(0, 8)} (last pushed ${r.lastPushed.slice(0, 8)}), ${r.nodes} nodes / ${r.relationships} rels (rebuild ${r.rebuild.nodes} / ${r.rebuild.relationships})`,
    ),
    `outbox          ${report.outcome.outbox.length} rows, ${report.outcome.outbox.filter((o) => o.status === 'done').length} done; ${report.outcome.logs.length} warn/error log lines`,
  ];
}
