import { createRequire } from 'node:module';
import { Language, Parser, Query } from 'web-tree-sitter';
import type { LanguageQueries, LanguageSpec } from './language-spec.js';

/** A loaded grammar with its parser and compiled queries; one per language per thread. */
export interface LanguageRuntime {
  spec: LanguageSpec;
  language: Language;
  parser: Parser;
  queries: { [K in keyof LanguageQueries]-?: Query | null };
}

const require = createRequire(import.meta.url);
let init: Promise<void> | null = null;
const runtimes = new Map<string, Promise<LanguageRuntime>>();

/** Absolute path of a grammar file shipped by `tree-sitter-wasms`, resolved through the package, not a fixed path. */
export function grammarPath(grammar: string): string {
  return require.resolve(`tree-sitter-wasms/out/${grammar}`);
}

/** Initialises the tree-sitter runtime once per thread. */
export function initTreeSitter(): Promise<void> {
  init ??= Parser.init();
  return init;
}

/**
 * The cached runtime of a language, loading its grammar and compiling its queries on first use. A query that
 * does not compile throws with the language and query name, so a broken language module fails loudly in tests.
 */
export function loadLanguageRuntime(spec: LanguageSpec): Promise<LanguageRuntime> {
  let runtime = runtimes.get(spec.name);
  if (runtime == null) {
    runtime = createRuntime(spec);
    runtimes.set(spec.name, runtime);
    runtime.catch(() => runtimes.delete(spec.name));
  }
  return runtime;
}

async function createRuntime(spec: LanguageSpec): Promise<LanguageRuntime> {
  await initTreeSitter();
  const language = await Language.load(grammarPath(spec.grammar));
  const parser = new Parser();
  parser.setLanguage(language);
  const compile = (name: keyof LanguageQueries): Query | null => {
    const source = spec.queries[name];
    if (source == null || source.trim() === '') return null;
    try {
      return new Query(language, source);
    } catch (error) {
      throw new Error(`${spec.name} ${name} query does not compile: ${(error as Error).message}`, { cause: error });
    }
  };
  const queries = {
    symbols: compile('symbols'),
    imports: compile('imports'),
    calls: compile('calls'),
    inheritance: compile('inheritance'),
    localTypes: compile('localTypes'),
  };
  return { spec, language, parser, queries };
}

/** Deletes every cached parser and query of this thread (WASM memory is not garbage-collected). */
export async function disposeParserCache(): Promise<void> {
  const all = [...runtimes.values()];
  runtimes.clear();
  for (const pending of all) {
    const runtime = await pending.catch(() => null);
    if (runtime == null) continue;
    runtime.parser.delete();
    for (const query of Object.values(runtime.queries)) query?.delete();
  }
}
