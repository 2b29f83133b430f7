import { describe, expect, it } from 'vitest';
import { LANGUAGES, detectFileType } from '../../../src/parsers/languages/index.js';
import { loadLanguageRuntime } from '../../../src/parsers/parser-cache.js';

describe('language registry', () => {
  it('claims every extension and file name once, in lower case', () => {
    const claimed = LANGUAGES.flatMap((spec) => [...spec.extensions, ...(spec.fileNames ?? [])]);
    expect(new Set(claimed).size).toBe(claimed.length);
    for (const name of claimed) expect(name).toBe(name.toLowerCase());
    for (const spec of LANGUAGES) for (const extension of spec.extensions) expect(extension.startsWith('.')).toBe(true);
  });

  it.each(LANGUAGES.map((spec) => [spec.name, spec] as const))(
    '%s loads its grammar and compiles its queries',
    async (_, spec) => {
      const runtime = await loadLanguageRuntime(spec);
      expect(runtime.query).not.toBeNull();
      expect(runtime.sectionOfPattern).toContain('symbols');
    },
  );

  it('detects file types case-insensitively', () => {
    expect(detectFileType('src/A.PY')).toMatchObject({ kind: 'code', spec: { name: 'python' } });
    expect(detectFileType('docs/Guide.MD')).toEqual({ kind: 'text' });
    expect(detectFileType('LICENSE')).toEqual({ kind: 'text' });
    expect(detectFileType('x.unknown')).toEqual({ kind: 'unsupported' });
    expect(detectFileType('.py')).toEqual({ kind: 'unsupported' });
  });
});
