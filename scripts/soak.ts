/**
 * `npm run soak`: 200 pushes over three minutes to 5 repositories through `repograph serve` and `repograph
 * worker` (child processes) on the real Temporal, Neo4j and PostgreSQL, with the GitHub and git stand-ins on
 * 127.0.0.1; then checks that every repository ends at its newest pushed commit with the graph of a full
 * rebuild, that no run was lost or duplicated and the outbox drained, and prints latencies, throughput and the
 * RSS of both processes. Exits 1 when a criterion is not met.
 *   npm run soak -- [--pushes 200] [--repos 5] [--seconds 180] [--seed N] [--settle-seconds 300] [--swap-every 0]
 *     [--hold-every 10]
 */
import { parseArgs } from 'node:util';
import { runSoak } from '../test/integration/soak/run-soak.js';
import { formatSoakReport, soakProblems } from '../test/integration/soak/soak-report.js';
import { SOAK_MEMORY_BOUND } from '../test/integration/soak/soak-memory-bound.js';

const { values } = parseArgs({
  options: {
    pushes: { type: 'string', default: '200' },
    repos: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '180' },
    seed: { type: 'string' },
    'settle-seconds': { type: 'string', default: '300' },
    'parse-threads': { type: 'string', default: '1' },
    'swap-every': { type: 'string', default: '0' },
    'hold-every': { type: 'string', default: '10' },
  },
});
const seed = Number(values.seed ?? Math.floor(Math.random() * 2 ** 31));
const report = await runSoak({
  repos: Number(values.repos),
  pushes: Number(values.pushes),
  durationMs: Number(values.seconds) * 1000,
  settleTimeoutMs: Number(values['settle-seconds']) * 1000,
  redeliverEvery: 10,
  swapEvery: Number(values['swap-every']),
  holdEvery: Number(values['hold-every']),
  seed,
  parseThreads: Number(values['parse-threads']),
  log: (line) => console.log(line),
});
console.log(`\nsoak (seed ${seed}; replay with --seed ${seed})`);
for (const line of formatSoakReport(report)) console.log(`  ${line}`);
const problems = soakProblems(report, SOAK_MEMORY_BOUND);
if (problems.length > 0) {
  console.log(`\nFAILED (${problems.length}):`);
  for (const p of problems) console.log(`  - ${p}`);
  process.exitCode = 1;
} else {
  console.log('\nall criteria met');
}
