import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { computeCodeVersion } from '../../../src/identity/code-version.js';
import { gitBlobOid, isCacheable, parseCacheKey } from '../../../src/parsers/parse-cache-key.js';

const OID = 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391';
const LIMITS = { maxFileBytes: 1_000_000, maxSymbolsPerFile: 500 };
const key = (
  over: Partial<{
    oid: string;
    language: string;
    version: string;
    maxFileBytes: number;
    maxSymbolsPerFile: number;
  }> = {},
) =>
  parseCacheKey(over.oid ?? OID, over.language ?? 'python', over.version ?? 'v1', {
    maxFileBytes: over.maxFileBytes ?? LIMITS.maxFileBytes,
    maxSymbolsPerFile: over.maxSymbolsPerFile ?? LIMITS.maxSymbolsPerFile,
  });

describe('parseCacheKey', () => {
  it('is stable for the same inputs, and ignores settings that do not change a parse record', () => {
    expect(key()).toBe(key());
    expect(key()).toMatch(/^[0-9a-f]{64}$/);
    const withOtherSettings = { ...LIMITS, maxAbsoluteFileBytes: 1, fileTimeoutMs: 1, extraExcludedDirs: ['x'] };
    expect(parseCacheKey(OID, 'python', 'v1', withOtherSettings)).toBe(key());
  });

  it('changes with each of parser version, language, blob id and both limits', () => {
    const variants = [
      key({ version: 'v2' }),
      key({ language: 'text' }),
      key({ oid: 'f'.repeat(40) }),
      key({ maxFileBytes: 999_999 }),
      key({ maxSymbolsPerFile: 501 }),
    ];
    expect(new Set([key(), ...variants]).size).toBe(variants.length + 1);
  });

  it('keeps fields apart: shifting text from one field into the next gives another key', () => {
    expect(parseCacheKey(OID, 'py', 'v1x', LIMITS)).not.toBe(parseCacheKey(OID, 'xpy', 'v1', LIMITS));
    expect(key({ maxFileBytes: 12, maxSymbolsPerFile: 3 })).not.toBe(key({ maxFileBytes: 1, maxSymbolsPerFile: 23 }));
  });
});

describe('gitBlobOid', () => {
  it('is the blob id git gives the same bytes', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'blob-oid-'));
    try {
      for (const bytes of [
        Buffer.alloc(0),
        Buffer.from('def f():\n    return 1\n'),
        Buffer.from([0, 255, 10, 13, 0]),
      ]) {
        const file = path.join(dir, 'f');
        writeFileSync(file, bytes);
        expect(gitBlobOid(bytes)).toBe(execFileSync('git', ['hash-object', file]).toString().trim());
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('isCacheable', () => {
  const problems = { syntaxErrors: 0, skipReason: null, error: null, timedOut: false, truncatedSymbols: 0 };
  it('refuses results a time budget or a dying parser thread cut short, keeps content-determined ones', () => {
    expect(isCacheable({ problems })).toBe(true);
    expect(isCacheable({ problems: { ...problems, syntaxErrors: 3, truncatedSymbols: 2 } })).toBe(true);
    expect(isCacheable({ problems: { ...problems, skipReason: 'binary' } })).toBe(true);
    expect(isCacheable({ problems: { ...problems, timedOut: true } })).toBe(false);
    expect(isCacheable({ problems: { ...problems, error: 'parser thread exited with code 1' } })).toBe(false);
  });
});

describe('parser version', () => {
  it('changes when any source under parsers/ changes, not when other code does', () => {
    const src = fileURLToPath(new URL('../../../src', import.meta.url));
    const copy = mkdtempSync(path.join(os.tmpdir(), 'code-version-'));
    try {
      cpSync(path.join(src, 'parsers'), path.join(copy, 'parsers'), { recursive: true });
      mkdirSync(path.join(copy, 'graph'));
      writeFileSync(path.join(copy, 'graph', 'x.ts'), 'export const x = 1;\n');
      const before = computeCodeVersion('parser', copy);
      expect(computeCodeVersion('parser', copy)).toBe(before);
      expect(before).toBe(computeCodeVersion('parser', src));
      appendFileSync(path.join(copy, 'graph', 'x.ts'), '// other code\n');
      expect(computeCodeVersion('parser', copy)).toBe(before);
      appendFileSync(path.join(copy, 'parsers', 'languages', 'python.ts'), '\n');
      expect(computeCodeVersion('parser', copy)).not.toBe(before);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
