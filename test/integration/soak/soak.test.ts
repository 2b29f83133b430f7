import { describe, expect, it } from 'vitest';
import { runSoak } from './run-soak.js';
import { SOAK_MEMORY_BOUND } from './soak-memory-bound.js';
import { formatSoakReport, soakFigures, soakProblems } from './soak-report.js';

const SEED = Number(process.env.REPOGRAPH_SOAK_SEED ?? Math.floor(Math.random() * 2 ** 31));

// The short variant of `npm run soak`: pushes to two repositories through `repograph serve` and `repograph
// worker` as processes of their own, faster than runs finish, so triggers arrive while runs are going and are
// merged into the next run. Holding the git server now and then makes sure of such merges even on a machine
// where runs are quick. Every push must end up indexed (its commit or a newer one), none twice.
describe(`soak, short (seed ${SEED}; real Temporal, Neo4j, PostgreSQL; GitHub and git stand-ins)`, () => {
  it(
    '20 pushes to 2 repositories: each ends at its last commit with the graph of a full rebuild',
    { timeout: 240_000 },
    async () => {
      const report = await runSoak({
        repos: 2,
        pushes: 20,
        durationMs: 15_000,
        settleTimeoutMs: 90_000,
        redeliverEvery: 5,
        swapEvery: 0,
        holdEvery: 5,
        seed: SEED,
      });
      console.log(`soak (seed ${SEED})\n  ${formatSoakReport(report).join('\n  ')}`);
      expect(soakProblems(report, SOAK_MEMORY_BOUND)).toEqual([]);

      for (const repo of report.outcome.repos) {
        expect(repo.indexedSha, repo.fullName).toBe(repo.lastPushed);
        expect(repo.rootSha, repo.fullName).toBe(repo.lastPushed);
        expect(repo.nodes, repo.fullName).toBe(repo.rebuild.nodes);
        expect(repo.relationships, repo.fullName).toBe(repo.rebuild.relationships);
        expect(repo.nodes, repo.fullName).toBeGreaterThan(20);
        const commits = repo.snapshots.map((s) => s.commit);
        expect(commits, `${repo.fullName}: each run a newer commit`).toEqual(
          [...new Set(commits)].sort((a, b) => a - b),
        );
        expect(repo.executions.length, repo.fullName).toBe(repo.snapshots.length);
      }
      const figures = soakFigures(report);
      expect(figures.pushes).toBe(20);
      expect(figures.redeliveries).toBe(4);
      expect(figures.replies['200 duplicate']).toBe(4);
      expect(report.outcome.outbox.map((o) => o.status)).toEqual(new Array(20).fill('done'));
      // Each repository's pushes 0–2 and 5–7 arrive while the git server is held, so before any is indexed.
      expect(report.holds).toBe(4);
      expect(figures.merged).toBeGreaterThanOrEqual(report.holds);
    },
  );
});
