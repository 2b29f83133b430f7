import { describe, expect, it } from 'vitest';
import { sniffContent } from '../../../src/parsers/sniff-content.js';
import { parseSource } from './parse-input.js';

/** `text` as Latin-1 bytes: every character below U+0100 becomes one byte, so `é` is 0xE9 (invalid UTF-8). */
function latin1(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

describe('sniffContent: binary is decided by NUL and control bytes, not by UTF-8 decoding', () => {
  it('keeps a short C file with a Latin-1 comment and string, and extracts its symbols', async () => {
    const bytes = latin1('/* é è à ç ô ù ë ï */\nconst char *m = "déjà vu ñ";\nint f(void) { return 1; }\n');
    expect(sniffContent(bytes)).toEqual({ binary: false, invalidUtf8: true });
    const file = await parseSource('legacy.c', bytes);
    expect(file.kind).toBe('code');
    expect(file.problems).toMatchObject({ skipReason: null, invalidUtf8: true });
    expect(file.symbols.map((s) => s.name)).toContain('f');
  });

  it('keeps a short PHP file with Latin-1 bytes and decodes them as replacement characters', async () => {
    const bytes = latin1('<?php\n// Géré à Besançon\nfunction prénom() { return "é"; }\n');
    const file = await parseSource('legacy.php', bytes);
    expect(file.kind).toBe('code');
    expect(file.symbols.map((s) => s.name)).toEqual(['pr\uFFFDnom']);
  });

  it('still calls a file binary for a NUL byte or mostly control bytes', () => {
    expect(sniffContent(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1]))).toMatchObject({ binary: true });
    const controls = new Uint8Array(200).map((_, i) => (i % 3 === 0 ? 0x01 + (i % 7) : 0x41));
    expect(sniffContent(controls)).toMatchObject({ binary: true });
  });

  it('does not count tabs, newlines, form feeds or ESC as control bytes', () => {
    const text = new TextEncoder().encode('\t\t\x1b[1mbold\x1b[0m\f\r\n'.repeat(20));
    expect(sniffContent(text)).toEqual({ binary: false, invalidUtf8: false });
  });
});
