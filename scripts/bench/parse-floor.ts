/** The single-thread parse-only floor: read, decode and parse every code file of a directory, nothing else. */
import fs from 'node:fs';
import { readConfig } from '../../src/config/read-config.js';
import { detectFileType } from '../../src/parsers/languages/index.js';
import { disposeParserCache, loadLanguageRuntime } from '../../src/parsers/parser-cache.js';
import { readInChunks } from '../../src/parsers/read-in-chunks.js';
import { decodeUtf8 } from '../../src/parsers/sniff-content.js';
import { walkRepository } from '../../src/parsers/walk-repository.js';

/**
 * Seconds one thread needs to parse every code file under `root` with tree-sitter (best of two passes, files
 * already in memory, grammars loaded): what no pipeline on one core can beat.
 */
export async function parseOnlyFloor(root: string): Promise<{ files: number; bytes: number; seconds: number }> {
  const config = readConfig().parser;
  const inputs: { spec: Parameters<typeof loadLanguageRuntime>[0]; source: string; bytes: number }[] = [];
  for await (const entry of walkRepository(root, config)) {
    if (entry.type !== 'file' || entry.skipReason != null) continue;
    const type = detectFileType(entry.relativePath);
    if (type.kind !== 'code') continue;
    const bytes = fs.readFileSync(entry.absolutePath);
    inputs.push({ spec: type.spec, source: decodeUtf8(bytes), bytes: bytes.length });
  }
  for (const input of inputs) await loadLanguageRuntime(input.spec);
  let best = Infinity;
  for (let pass = 0; pass < 2; pass++) {
    const started = performance.now();
    for (const input of inputs) {
      const runtime = await loadLanguageRuntime(input.spec);
      runtime.parser.parse(readInChunks(input.source))?.delete();
    }
    best = Math.min(best, (performance.now() - started) / 1000);
  }
  await disposeParserCache();
  return { files: inputs.length, bytes: inputs.reduce((sum, i) => sum + i.bytes, 0), seconds: best };
}
