import { createRequire } from 'node:module';
import { Language, Parser, Query } from 'web-tree-sitter';
import type { LanguageQueries, LanguageSpec } from './language-spec.js';
import { createTreeSitterMemory } from './subtree-memory.js';

/** Which of a language's queries a pattern of the combined query came from. */
export type QueryName = keyof LanguageQueries;

/**
 * A loaded grammar with its parser and one compiled query holding all of the language's queries, so a tree is
 * traversed once per file (each traversal costs about as much as the whole query); one per language per thread.
 */
export interface LanguageRuntime {
  spec: LanguageSpec;
  language: Language;
  parser: Parser;
  query: Query | null;
  /** `sectionOfPattern[patternIndex]` names the query a pattern belongs to. */
  sectionOfPattern: QueryName[];
}

const QUERY_NAMES: readonly QueryName[] = ['symbols', 'imports', 'calls', 'inheritance', 'localTypes'];

const require = createRequire(import.meta.url);
let init: Promise<void> | null = null;
const runtimes = new Map<string, Promise<LanguageRuntime>>();

/** Absolute path of a grammar file shipped by `tree-sitter-wasms`, resolved through the package, not a fixed path. */
export function grammarPath(grammar: string): string {
  return require.resolve(`tree-sitter-wasms/out/${grammar}`);
}

/** Initialises the tree-sitter runtime once per thread. */
export function initTreeSitter(): Promise<void> {
  init ??= Parser.init({ wasmMemory: createTreeSitterMemory() });
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
  const sections: { name: QueryName; start: number }[] = [];
  let source = '';
  for (const name of QUERY_NAMES) {
    const text = spec.queries[name];
    if (text == null || text.trim() === '') continue;
    sections.push({ name, start: source.length });
    source += `${text}\n`;
  }
  if (sections.length === 0) return { spec, language, parser, query: null, sectionOfPattern: [] };
  const query = compileQueries(language, spec, source);
  const sectionOfPattern: QueryName[] = [];
  for (let i = 0; i < query.patternCount(); i++) {
    const at = query.startIndexForPattern(i);
    sectionOfPattern.push(sections.findLast((section) => section.start <= at)!.name);
  }
  return { spec, language, parser, query, sectionOfPattern };
}

/** Compiles the combined query; when it fails, compiles each query alone to name the broken one in the error. */
function compileQueries(language: Language, spec: LanguageSpec, source: string): Query {
  try {
    return new Query(language, source);
  } catch (error) {
    for (const name of QUERY_NAMES) {
      const text = spec.queries[name];
      if (text != null && text.trim() !== '') checkQuery(language, spec.name, name, text);
    }
    throw error;
  }
}

function checkQuery(language: Language, languageName: string, name: QueryName, text: string): void {
  try {
    new Query(language, text).delete();
  } catch (error) {
    throw new Error(`${languageName} ${name} query does not compile: ${(error as Error).message}`, { cause: error });
  }
}

/** Deletes every cached parser and query of this thread (WASM memory is not garbage-collected). */
export async function disposeParserCache(): Promise<void> {
  const all = [...runtimes.values()];
  runtimes.clear();
  for (const pending of all) {
    const runtime = await pending.catch(() => null);
    if (runtime == null) continue;
    runtime.parser.delete();
    runtime.query?.delete();
  }
}
