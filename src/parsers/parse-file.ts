import { createHash } from 'node:crypto';
import type { ParserConfig } from '../config/read-config.js';
import type { LanguageSpec } from './language-spec.js';
import type { ParsedFile, ParseProblems } from './parsed-file.js';
import { chunkText } from './chunk-text.js';
import { extractReferences, type MatchesByQuery } from './extract-references.js';
import { extractSymbols } from './extract-symbols.js';
import { countSyntaxErrors } from './fingerprint-node.js';
import { detectFileType } from './languages/index.js';
import { ParseBudget } from './parse-budget.js';
import { loadLanguageRuntime } from './parser-cache.js';
import { readInChunks } from './read-in-chunks.js';
import { decodeUtf8, sniffContent } from './sniff-content.js';

/** Input of `parseFile`: a repository-relative POSIX path and the file's bytes. */
export interface ParseFileInput {
  relativePath: string;
  bytes: Uint8Array;
  config: Pick<ParserConfig, 'maxFileBytes' | 'maxAbsoluteFileBytes' | 'maxSymbolsPerFile' | 'fileTimeoutMs'>;
}

/** A ParsedFile with nothing in it yet; `kind` `skipped` until something is found. */
export function emptyParsedFile(relativePath: string, sizeBytes: number, contentHash = ''): ParsedFile {
  return {
    relativePath,
    language: null,
    kind: 'skipped',
    sizeBytes,
    contentHash,
    large: false,
    symbols: [],
    imports: [],
    calls: [],
    inheritance: [],
    localTypes: [],
    attributeTypes: [],
    returnTypes: [],
    chunks: [],
    problems: { syntaxErrors: 0, skipReason: null, error: null, timedOut: false, truncatedSymbols: 0 },
    parseMillis: 0,
  };
}

/**
 * Parses one file into the ParsedFile contract. Never throws for bad input: binary, oversized, undecodable,
 * unparsable and slow files come back with `problems` filled. Pure apart from the per-thread grammar
 * cache: no file system, no network.
 */
export async function parseFile({ relativePath, bytes, config }: ParseFileInput): Promise<ParsedFile> {
  const started = performance.now();
  const result = emptyParsedFile(relativePath, bytes.length, createHash('sha256').update(bytes).digest('hex'));
  const fileType = detectFileType(relativePath);
  const sniff = sniffContent(bytes);
  if (fileType.kind === 'unsupported') result.problems.skipReason = 'unsupported';
  else if (bytes.length > config.maxAbsoluteFileBytes) result.problems.skipReason = 'too-large';
  else if (sniff.binary) result.problems.skipReason = 'binary';
  if (result.problems.skipReason != null) return finish(result, started);
  if (sniff.invalidUtf8) result.problems.invalidUtf8 = true;
  result.large = bytes.length > config.maxFileBytes;
  const source = decodeUtf8(bytes);
  if (fileType.kind === 'text') {
    result.kind = 'text';
    result.language = 'text';
    result.chunks = chunkText(relativePath, source);
    return finish(result, started);
  }
  if (fileType.kind === 'code') {
    result.kind = 'code';
    result.language = fileType.spec.name;
    try {
      await parseCode(fileType.spec, relativePath, source, config, result);
    } catch (error) {
      result.problems.error = error instanceof Error ? error.message : String(error);
    }
  }
  return finish(result, started);
}

async function parseCode(
  spec: LanguageSpec,
  relativePath: string,
  source: string,
  config: ParseFileInput['config'],
  result: ParsedFile,
): Promise<void> {
  const runtime = await loadLanguageRuntime(spec);
  const budget = new ParseBudget(config.fileTimeoutMs);
  const tree = runtime.parser.parse(readInChunks(source), null, { progressCallback: budget.expired });
  if (tree == null) {
    runtime.parser.reset();
    result.problems.timedOut = true;
    result.problems.error = `parse exceeded the ${config.fileTimeoutMs} ms budget (PARSE_FILE_TIMEOUT_MS)`;
    return;
  }
  try {
    const cursor = tree.walk();
    try {
      result.problems.syntaxErrors = countSyntaxErrors(tree.rootNode, cursor);
    } finally {
      cursor.delete();
    }
    const ctx = { relativePath, source, lines: source.split('\n') };
    const matches: MatchesByQuery = { symbols: [], imports: [], calls: [], inheritance: [], localTypes: [] };
    for (const match of runtime.query?.matches(tree.rootNode, budget.queryOptions()) ?? []) {
      matches[runtime.sectionOfPattern[match.patternIndex] ?? 'symbols'].push(match);
    }
    const extracted = extractSymbols(spec, matches.symbols, tree, ctx, config.maxSymbolsPerFile, budget.expired);
    result.symbols = extracted.symbols;
    result.problems.truncatedSymbols = extracted.truncated;
    Object.assign(result, extractReferences(runtime, matches, extracted));
    if (budget.timedOut) {
      result.problems.timedOut = true;
      result.problems.error = `extraction exceeded the ${config.fileTimeoutMs} ms budget; results are partial`;
    }
  } finally {
    tree.delete();
  }
}

function finish(result: ParsedFile, started: number): ParsedFile {
  result.parseMillis = Math.round((performance.now() - started) * 100) / 100;
  if (result.problems.skipReason != null) result.kind = 'skipped';
  return result;
}

/** Problems of a file that could not be read at all. */
export function unreadableProblems(error: unknown): ParseProblems {
  return {
    syntaxErrors: 0,
    skipReason: 'unreadable',
    error: error instanceof Error ? error.message : String(error),
    timedOut: false,
    truncatedSymbols: 0,
  };
}
