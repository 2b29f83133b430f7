import { once } from 'node:events';
import fs from 'node:fs';
import type { ParserConfig } from '../config/read-config.js';
import { emptyParsedFile } from './parse-file.js';
import { ParsePool } from './parse-pool.js';
import { emptyParseSummary, mergeSummary, type ParseSummary } from './parse-summary.js';
import { recordLine, type RecordLine } from './record-line.js';
import { walkRepository, type WalkEntry } from './walk-repository.js';

/** Input of `parseRepository`. */
export interface ParseRepositoryInput {
  /** Directory to walk (a clone or any checkout); required unless `entries` is given. */
  root?: string;
  /** The entries to parse, in order, instead of walking `root` (e.g. only the files whose result is not cached). */
  entries?: AsyncIterable<WalkEntry> | Iterable<WalkEntry>;
  /** Called with every record written (after the file is parsed), in output order. */
  onRecord?(record: RecordLine): void | Promise<void>;
  /** NDJSON file to write, one ParseRecord per line, in walk order; created or truncated. */
  outputPath: string;
  config: ParserConfig;
  /** Called with a snapshot of the counts about every `PROGRESS_INTERVAL_MS` and once at the end. */
  onProgress?(summary: ParseSummary): void;
  /** Aborting stops the walk, drops the files not on a thread yet and rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * The threads to parse on, kept by the caller across runs (warm grammars and code; a big run leaves fresh
   * threads behind, see `ParsePool.trim`); without it a pool of `config.threads` threads is started for this run
   * and terminated at its end.
   */
  pool?: ParsePool;
}

const PROGRESS_INTERVAL_MS = 1000;
const ERRORS_KEPT = 100;

/**
 * Walks `root`, parses its files on a worker-thread pool (`input.pool`, or `config.threads` threads of its own)
 * and streams one ParseRecord per directory and file to `outputPath` in deterministic walk order. Per-file
 * problems are data in the records; it rejects only when `root` cannot be read, the output cannot be written, or
 * `signal` aborts.
 */
export async function parseRepository(input: ParseRepositoryInput): Promise<ParseSummary> {
  const started = performance.now();
  const { config, signal } = input;
  signal?.throwIfAborted();
  const summary = emptyParseSummary();
  const pool = input.pool ?? new ParsePool(config.threads, config.fileTimeoutMs);
  const out = fs.createWriteStream(input.outputPath);
  // The stream's error is kept and checked, not raced against every await: a race with a promise that never
  // settles keeps every value it was raced with alive, here every record of the run.
  let outError: Error | null = null;
  out.on('error', (error) => {
    outError ??= error;
  });
  const throwIfOutFailed = (): void => {
    if (outError != null) throw outError;
  };
  const ahead = Math.max(4, config.threads * 16);
  const pending: Promise<RecordLine>[] = [];
  let lastProgress = performance.now();
  const flushOne = async (): Promise<void> => {
    const record = await pending.shift()!;
    throwIfOutFailed();
    mergeSummary(summary, record.summary);
    await input.onRecord?.(record);
    if (!out.write(record.bytes)) await once(out, 'drain');
    if (input.onProgress != null && performance.now() - lastProgress >= PROGRESS_INTERVAL_MS) {
      lastProgress = performance.now();
      input.onProgress(snapshot(summary, started));
    }
  };
  try {
    const onError = (message: string): void => {
      if (summary.errors.length < ERRORS_KEPT) summary.errors.push(message);
    };
    const entries = input.entries ?? walkRepository(requireRoot(input.root), { ...config, onError });
    for await (const entry of entries) {
      signal?.throwIfAborted();
      pending.push(recordFor(entry, pool, config, signal));
      while (pending.length > ahead) await flushOne();
    }
    while (pending.length > 0) {
      signal?.throwIfAborted();
      await flushOne();
    }
    throwIfOutFailed();
    out.end();
    await once(out, 'finish');
  } finally {
    // Files of a run that stopped early may still settle, or be rejected by the abort; nobody waits for them.
    for (const left of pending) left.catch(() => undefined);
    if (input.pool == null) await pool.close();
    else pool.trim();
    if (!out.writableFinished) out.destroy();
  }
  const final = snapshot(summary, started);
  input.onProgress?.(final);
  return final;
}

function recordFor(
  entry: WalkEntry,
  pool: ParsePool,
  config: ParserConfig,
  signal: AbortSignal | undefined,
): Promise<RecordLine> {
  if (entry.type === 'directory') {
    return Promise.resolve(recordLine({ type: 'directory', relativePath: entry.relativePath }));
  }
  if (entry.skipReason != null) {
    const file = emptyParsedFile(entry.relativePath, entry.sizeBytes);
    file.problems.skipReason = entry.skipReason;
    return Promise.resolve(recordLine({ type: 'file', ...file }));
  }
  const { relativePath, absolutePath, sizeBytes } = entry;
  return pool.parseRecord({ relativePath, absolutePath, sizeBytes, config }, signal);
}

function snapshot(summary: ParseSummary, started: number): ParseSummary {
  return structuredClone({ ...summary, wallMs: Math.round(performance.now() - started) });
}

function requireRoot(root: string | undefined): string {
  if (root == null) throw new Error('parseRepository needs `root` or `entries`');
  return root;
}
