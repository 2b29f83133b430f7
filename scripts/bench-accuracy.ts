// Accuracy benchmark of the call graph: `npm run bench:accuracy [-- <dir>]`. Builds the ground truth with the
// TypeScript compiler's type checker and compares repograph's CALLS edges with it (rules in
// docs/accuracy-benchmark.md). Without a directory the corpus is the TypeScript sources that @temporalio/* and their
// dependency closure ship in node_modules.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureAccuracy } from './accuracy/measure-accuracy.js';
import { formatReport } from './accuracy/compare-call-graphs.js';
import { directoryCorpus, packageClosureCorpus } from './accuracy/typescript-corpus.js';

const PRECISION_TARGET = 0.97;
const RECALL_TARGET = 0.85;

async function main(): Promise<void> {
  const dir = process.argv[2];
  const projectRoot = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
  const corpus =
    dir == null ? packageClosureCorpus(path.join(projectRoot, 'node_modules'), '@temporalio') : directoryCorpus(dir);
  console.log(`corpus              ${corpus.root} (${corpus.files.length} files, ${corpus.packages.length} packages)`);
  const { report, seconds } = await measureAccuracy(corpus);
  console.log(`seconds             compiler ${seconds.compiler.toFixed(1)}, repograph ${seconds.repograph.toFixed(1)}`);
  console.log(formatReport(report));
  const met = report.precision >= PRECISION_TARGET && report.recall >= RECALL_TARGET;
  console.log(
    `\ntargets             precision >= ${PRECISION_TARGET * 100} %, recall >= ${RECALL_TARGET * 100} %: ${met ? 'met' : 'not met'}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
