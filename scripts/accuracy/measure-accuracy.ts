import path from 'node:path';
import type ts from 'typescript';
import { compareCallGraphs, type AccuracyReport } from './compare-call-graphs.js';
import { CompilerCallGraph } from './compiler-call-graph.js';
import { repographCallGraph } from './repograph-call-graph.js';
import { sourceOfDeclarationFile, type TypeScriptCorpus } from './typescript-corpus.js';

/** The accuracy report of a corpus and how long each side took. */
export interface AccuracyRun {
  report: AccuracyReport;
  seconds: { truth: number; repograph: number };
}

/**
 * Builds both call graphs of `corpus` and compares them; `types` are the `@types` packages the compiler loads,
 * `compilerOptions` what the corpus needs beyond the defaults.
 */
export async function measureAccuracy(
  corpus: TypeScriptCorpus,
  types?: string[],
  compilerOptions?: ts.CompilerOptions,
): Promise<AccuracyRun> {
  let started = performance.now();
  const compiler = new CompilerCallGraph({
    root: corpus.root,
    files: corpus.files.map((f) => path.join(corpus.root, f)),
    sourceOfDeclarationFile: (file) => sourceOfDeclarationFile(corpus, file),
    types,
    compilerOptions,
  });
  const truth = compiler.callSites();
  const compilerSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const ours = await repographCallGraph(corpus.root, corpus.files, corpus.packages);
  const repographSeconds = (performance.now() - started) / 1000;
  return {
    report: compareCallGraphs(truth, ours),
    seconds: { truth: compilerSeconds, repograph: repographSeconds },
  };
}
