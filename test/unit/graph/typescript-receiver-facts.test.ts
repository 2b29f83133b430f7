import { cp, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECEIVER_CATEGORIES, receiverCategory } from '../../../scripts/accuracy/categorise-edges.js';
import { CompilerCallGraph } from '../../../scripts/accuracy/compiler-call-graph.js';
import type { TruthCallSite } from '../../../scripts/accuracy/truth-call-site.js';

const FIXTURE = fileURLToPath(new URL('../../fixtures/accuracy/ts-receivers/', import.meta.url));

// What the compiler-side truth states about receivers, which puts a missed edge into the category the resolution
// work tracks: each call marked `// category: <key>` in the fixture gets that category, an unmarked one none.
describe('receiver facts of the TypeScript truth (test/fixtures/accuracy/ts-receivers)', () => {
  let scratch: string;
  let sites: TruthCallSite[];
  let source: string;
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'receivers-'));
    await cp(FIXTURE, scratch, { recursive: true });
    for (const entry of await readdir(scratch)) {
      await rename(path.join(scratch, entry), path.join(scratch, entry.replace(/\.fixture$/, '')));
    }
    const files = ['app.ts', 'base.ts'].map((f) => path.join(scratch, f));
    sites = new CompilerCallGraph({ root: scratch, files, types: [] }).callSites();
    source = await readFile(path.join(scratch, 'app.ts'), 'utf8');
  }, 60_000);
  afterAll(async () => rm(scratch, { recursive: true, force: true }));

  it('gives each marked call its category and the others none', () => {
    const lines = source.split('\n');
    const methodCalls = sites.filter(
      (s) => s.file === 'app.ts' && new RegExp(`\\.\\s*${s.callee}\\(`).test(lines[s.line - 1] ?? ''),
    );
    expect(methodCalls.length).toBe(9);
    let marked = 0;
    for (const site of methodCalls) {
      const key = /\/\/ category: (\w+)/.exec(lines[site.line - 1] ?? '')?.[1];
      const expected = key == null ? null : RECEIVER_CATEGORIES[key as keyof typeof RECEIVER_CATEGORIES];
      if (key != null) marked++;
      expect(receiverCategory(site.receiver), `app.ts:${site.line} ${site.callee}()`).toBe(expected);
    }
    expect(marked).toBe(8);
  });

  it('targets the implementation of an overloaded function and names its signatures', () => {
    const call = sites.find((s) => s.callee === 'parse' && s.caller.name === 'useParse');
    const lines = source.split('\n');
    const signatures = lines.flatMap((text, i) => (/^export function parse\(.*;$/.test(text) ? [i + 1] : []));
    expect(signatures).toHaveLength(2);
    expect(call?.target).toMatchObject({ name: 'parse', nameLine: (signatures[1] ?? 0) + 1, overloads: signatures });
  });

  it('says a parameter typed App<string, number> is generic', () => {
    const call = sites.find((s) => s.callee === 'fetch' && s.caller.name === 'byParameter');
    expect(call?.receiver).toMatchObject({ declaredBy: 'parameter', generic: true, optional: false });
  });
});
