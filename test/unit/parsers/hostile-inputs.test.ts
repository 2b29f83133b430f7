import { describe, expect, it } from 'vitest';
import { parseSource } from './parse-input.js';

describe('hostile inputs: every file gives a result with its problem recorded', () => {
  it('parses invalid UTF-8 with replacement characters and flags it', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('def f():\n    return "'), 0xff, 0xfe, 0x22, 0x0a]);
    const file = await parseSource('bad.py', bytes);
    expect(file.kind).toBe('code');
    expect(file.problems.invalidUtf8).toBe(true);
    expect(file.symbols.map((s) => s.name)).toEqual(['f']);
  });

  it('skips binary bytes behind a .py name', async () => {
    const bytes = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3, 0, 0xff]);
    const file = await parseSource('lib.py', bytes);
    expect(file).toMatchObject({ kind: 'skipped', symbols: [], problems: { skipReason: 'binary' } });
  });

  it('survives a 10,000-level nested expression without recursion overflow', async () => {
    const python = await parseSource('deep.py', `x = ${'('.repeat(10_000)}1${')'.repeat(10_000)}\ndef after(): pass\n`);
    expect(python.problems.error).toBeNull();
    expect(python.symbols.map((s) => s.name)).toEqual(['after']);
    const js = await parseSource('deep.js', `const f = () => ${'['.repeat(10_000)}${']'.repeat(10_000)};\n`);
    expect(js.problems.error).toBeNull();
    expect(js.symbols.map((s) => s.name)).toEqual(['f']);
    expect(js.symbols[0]!.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('parses a 5 MB one-line minified file on the large path with the 500-symbol cap', async () => {
    const unit = `function f(a){return a+"${'x'.repeat(1000)}"};`;
    const source = unit
      .repeat(Math.ceil(5_000_000 / unit.length))
      .replace(/function f/g, (_, i: number) => `function f${i}`);
    // A generous budget: this asserts the cap and the large path, not speed (the machine may be loaded).
    const file = await parseSource('bundle.min.js', source, { fileTimeoutMs: 120_000 });
    expect(file.large).toBe(true);
    expect(file.problems.error).toBeNull();
    expect(file.symbols).toHaveLength(500);
    expect(file.problems.truncatedSymbols).toBeGreaterThan(4000);
    expect(file.sizeBytes).toBeGreaterThan(5_000_000);
    expect(source.includes('\n')).toBe(false);
    expect(file.symbols[0]!.name).toBe('f0');
    // The first line is the whole file: signatures are clipped, or 500 of them would weigh 2.5 GB.
    expect(Math.max(...file.symbols.map((s) => s.signature.length))).toBeLessThanOrEqual(501);
    expect(file.symbols[0]!.signature.endsWith('…')).toBe(true);
  });

  it('clips huge receiver texts', async () => {
    const file = await parseSource('iife.js', `(function () { ${'x();'.repeat(1000)} })().run();\n`);
    const run = file.calls.find((c) => c.callee === 'run');
    expect(run?.receiver?.length).toBeLessThanOrEqual(301);
  });

  it('never splits a surrogate pair between input chunks', async () => {
    const source = `x = "${'a'.repeat(4090)}${'😀'.repeat(8)}"\ndef f(): pass\n`;
    const file = await parseSource('emoji.py', source);
    expect(file.problems.syntaxErrors).toBe(0);
    expect(file.symbols.map((s) => [s.name, s.startLine])).toEqual([['f', 2]]);
  });

  it('gives empty results for empty files', async () => {
    const code = await parseSource('empty.py', '');
    expect(code).toMatchObject({ kind: 'code', symbols: [], problems: { syntaxErrors: 0, error: null } });
    const text = await parseSource('empty.md', '');
    expect(text).toMatchObject({ kind: 'text', chunks: [] });
  });

  it('handles CRLF files: same lines, no carriage return in signatures', async () => {
    const file = await parseSource('win.py', 'class A:\r\n    def m(\r\n        self,\r\n    ):\r\n        pass\r\n');
    expect(file.symbols.map((s) => [s.qualifiedName, s.startLine, s.endLine, s.signature])).toEqual([
      ['A', 1, 5, 'class A:'],
      ['A.m', 2, 5, 'def m( self, ):'],
    ]);
  });

  it('counts syntax errors instead of hiding them and still extracts what parsed', async () => {
    const file = await parseSource('broken.py', 'def ok():\n    pass\n\ndef broken(:\n    pass\n');
    expect(file.problems.syntaxErrors).toBeGreaterThan(0);
    expect(file.symbols.map((s) => s.name)).toContain('ok');
  });

  it('stops a parse that exceeds the per-file budget', async () => {
    const source = `x = [${'1,'.repeat(1_000_000)}]\n`;
    const file = await parseSource('slow.py', source, { fileTimeoutMs: 1 });
    expect(file.problems.timedOut).toBe(true);
    expect(file.problems.error).toMatch(/budget/);
    expect(file.symbols).toEqual([]);
  });

  it('skips files over the absolute size cap and unsupported files', async () => {
    const big = await parseSource('huge.py', 'x = 1\n'.repeat(100), { maxAbsoluteFileBytes: 100 });
    expect(big.problems.skipReason).toBe('too-large');
    const unknown = await parseSource('image.png', 'not really');
    expect(unknown).toMatchObject({ kind: 'skipped', language: null, problems: { skipReason: 'unsupported' } });
  });

  it('chunks large text files instead of dropping them', async () => {
    const file = await parseSource('big.md', `${'word '.repeat(240_000)}\n`);
    expect(file.large).toBe(true);
    expect(file.kind).toBe('text');
    expect(file.chunks.length).toBeGreaterThan(1000);
  });
});
