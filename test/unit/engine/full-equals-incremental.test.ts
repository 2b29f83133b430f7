import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/config/read-config.js';
import { FragmentCollector } from '../../../src/engine/fragment-sinks.js';
import { graphDifference } from '../../../src/engine/graph-difference.js';
import { updateBranch } from '../../../src/engine/update-branch.js';
import type { Fragment } from '../../../src/graph/fragment.js';
import { planCommits, RepoModel } from '../../helpers/commit-generator.js';
import { commitFiles, InMemoryBranch, ParseCache, type CommitData } from './in-memory-branch.js';

const SEED = Number(process.env.REPOGRAPH_ENGINE_SEED ?? Math.floor(Math.random() * 2 ** 31));
const COMMITS = Number(process.env.REPOGRAPH_ENGINE_COMMITS ?? 40);

function diffLines(a: string[], b: string[]): { onlyIncremental: string[]; onlyFull: string[] } {
  const inB = new Set(b);
  const inA = new Set(a);
  return { onlyIncremental: a.filter((l) => !inB.has(l)), onlyFull: b.filter((l) => !inA.has(l)) };
}

/**
 * The graph difference between commits A and B of a branch whose state is at another commit (a pull request's
 * merge base need not be the commit the branch was indexed at): both sides are computed by engine runs from the
 * branch's state, writing nothing, each asked to recompute the owners the other side touched.
 */
async function diffAgainstState(state: InMemoryBranch, a: CommitData, b: CommitData) {
  const collect = async (data: CommitData, recompute: readonly string[]) => {
    const collector = new FragmentCollector();
    await updateBranch({
      ...state.options(data, { recompute }),
      sink: { fragment: collector.fragment, row: () => Promise.resolve() },
    });
    return collector.fragments;
  };
  const touchedByA = await collect(a, []);
  const atB = await collect(b, [...touchedByA.keys()]);
  const atA = await collect(a, [...atB.keys()]);
  return graphDifference(atA, atB);
}

// The proof that incremental engine runs are right, without services: a seeded history of commits that moves
// references around (the operations of test/integration/incremental), parsed with the real parsers; after each
// commit the incrementally kept branch must equal a branch built from nothing, element by element and row by row.
describe(`the branch-update engine: incremental equals full after every commit (seed ${SEED})`, () => {
  let dir: string;

  beforeAll(async () => {
    console.log(`engine identity: seed ${SEED} (replay with REPOGRAPH_ENGINE_SEED=${SEED})`);
    dir = await mkdtemp(path.join(tmpdir(), 'engine-identity-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it(
    `stays identical over ${COMMITS} generated commits, and diffs two commits as two full graphs do`,
    { timeout: 120_000 },
    async () => {
      const cache = new ParseCache({ ...readConfig({}).parser, threads: 1 });
      const model = new RepoModel(SEED);
      const branch = new InMemoryBranch('main');
      let older: { data: CommitData; full: Map<string, Fragment | null>; state: InMemoryBranch } | null = null;
      let last: { data: CommitData; full: Map<string, Fragment | null>; state: InMemoryBranch } | null = null;
      // Commits whose incremental run re-resolved fewer than a quarter of the files.
      let smallRuns = 0;
      for (const [i, ops] of planCommits(SEED, COMMITS).entries()) {
        const described = ops.map((op) => model.apply(op));
        const where = `seed ${SEED}, commit ${i} (${described.join('; ')})`;
        const data = await commitFiles(path.join(dir, `c${i % 3}`), model.render(), cache);
        const before = branch.clone();

        const inc = await branch.update(data);
        expect(inc.mode, where).toBe(i === 0 ? 'full' : 'incremental');
        const rebuilt = new InMemoryBranch('main');
        const full = await rebuilt.update(data);
        expect(full.mode).toBe('full');
        expect(
          {
            graph: diffLines(branch.dump(), rebuilt.dump()),
            files: diffLines(branch.dumpFiles(), rebuilt.dumpFiles()),
          },
          `${where}: differs`,
        ).toEqual({
          graph: { onlyIncremental: [], onlyFull: [] },
          files: { onlyIncremental: [], onlyFull: [] },
        });
        expect([...branch.dirs].sort(), where).toEqual([...rebuilt.dirs].sort());
        const totals = (u: typeof inc) => [u.nodes, u.relationships, u.importsEdges, u.callsEdges];
        expect(totals(inc), where).toEqual(totals(full));
        expect(branch.dump().length, where).toBe(full.nodes + full.relationships);
        if (i > 0 && inc.filesResolved < full.filesResolved / 4) smallRuns++;

        // The diff of the two commits before this one, from the state of the branch before either of them.
        if (older != null && last != null) {
          const owners = new Set([...older.full.keys(), ...last.full.keys()]);
          const expected = graphDifference(older.full, new Map([...owners].map((o) => [o, last!.full.get(o) ?? null])));
          expect(await diffAgainstState(older.state, older.data, last.data), `${where}: graph diff`).toEqual(expected);
        }
        older = last;
        last = { data, full: rebuilt.graph, state: before };
      }
      // The reverse index keeps runs small: a commit that changes no layout re-resolves a few files, not all.
      expect(smallRuns).toBeGreaterThanOrEqual(5);
      // An unchanged commit changes nothing.
      const again = new FragmentCollector();
      const update = await updateBranch({
        ...branch.options(last!.data),
        sink: { fragment: again.fragment, row: () => Promise.resolve() },
      });
      expect(update.filesResolved).toBe(0);
      expect([...again.fragments.keys()]).toEqual([]);
      expect(update.rows).toBe(0);
    },
  );
});
