import { describe, expect, it } from 'vitest';
import type { LanguageSpec } from '../../../src/parsers/language-spec.js';
import { loadLanguageRuntime } from '../../../src/parsers/parser-cache.js';

const base = { grammar: 'tree-sitter-python.wasm', extensions: ['.py'] };

describe('loadLanguageRuntime', () => {
  it('names the language and the query that does not compile', async () => {
    const spec: LanguageSpec = {
      ...base,
      name: 'python-broken-calls',
      queries: {
        symbols: '(class_definition name: (identifier) @name) @definition.class',
        calls: '(no_such_node) @call',
      },
    };
    await expect(loadLanguageRuntime(spec)).rejects.toThrow(/python-broken-calls calls query does not compile/);
  });

  it('routes every pattern of the combined query back to the query it came from', async () => {
    const spec: LanguageSpec = {
      ...base,
      name: 'python-sections',
      queries: {
        symbols:
          '(class_definition name: (identifier) @name) @definition.class\n(function_definition) @definition.function',
        calls: '(call) @call',
        localTypes: '(assignment left: (identifier) @local.variable) @local.type',
      },
    };
    const runtime = await loadLanguageRuntime(spec);
    expect(runtime.sectionOfPattern).toEqual(['symbols', 'symbols', 'calls', 'localTypes']);
  });
});
