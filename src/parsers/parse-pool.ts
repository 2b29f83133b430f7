import { Worker } from 'node:worker_threads';
import type { ParseFileInput } from './parse-file.js';
import { compiledParseWorker } from './compile-parse-worker.js';
import { detectFileType } from './languages/index.js';
import { emptyParsedFile } from './parse-file.js';
import type { ParsedFile } from './parsed-file.js';
import { recordLine, type RecordLine } from './record-line.js';

/** One file for a pool thread to read and parse. */
export interface ParseTask {
  id: number;
  relativePath: string;
  absolutePath: string;
  sizeBytes: number;
  config: ParseFileInput['config'];
}

/** A pool thread's answer: the file's record, serialised in the thread (its bytes are transferred, not copied). */
export interface ParseTaskResult extends RecordLine {
  id: number;
}

interface Queued {
  task: ParseTask;
  resolve: (record: RecordLine) => void;
  reject: (error: unknown) => void;
  /** The caller's signal: aborting it takes the file out while it still waits for a thread. */
  signal?: AbortSignal;
}

interface Slot {
  worker: Worker;
  /** Files posted to the thread, oldest first; the thread parses them one at a time in this order. */
  inFlight: Queued[];
  timer: NodeJS.Timeout | null;
  answered: boolean;
  lastError: string | null;
  /** Given no more files: it parsed a big one and is replaced once its files are done. */
  draining: boolean;
  /** Bytes of source it parsed since the pool was last trimmed. */
  parsedBytes: number;
}

const utf8 = new TextDecoder();
const WATCHDOG_GRACE_MS = 5000;
const MAX_START_FAILURES = 3;
/** Files posted to a thread ahead of its answers, so it never idles waiting for the main thread. */
const IN_FLIGHT_PER_THREAD = 2;
/**
 * A big file: tree-sitter's WebAssembly memory grows to fit the largest tree a thread built (about 35 bytes per
 * byte of source) and never shrinks. So a thread that parsed one is replaced once idle (a pool lives as long as
 * its worker), and only one big file is on the threads at a time, so that the threads do not all grow at once
 * (two threads on 10 MB files took the worker from 0.8 to 1.7 GB).
 */
export const BIG_FILE_BYTES = 2_000_000;
/** {@link ParsePool.trim} replaces the idle threads that parsed at least this much since it last ran. */
export const TRIM_AFTER_BYTES = 8_000_000;

/**
 * A fixed-size pool of worker threads that parse files; each thread holds up to two files, parsing them in
 * order. A thread that stops answering (a parse the in-thread budget could not interrupt) is terminated after
 * twice the file budget plus a grace period and replaced; the file it was on comes back `timedOut` and the
 * files queued behind it go to other threads. A thread that crashes is replaced too; if threads keep dying before their first
 * answer, the pool gives up and rejects every pending and later call with the reason. A thread that parsed a
 * big file is replaced once it is idle, so memory stays bounded however long the pool lives, and big files go to
 * the threads one at a time, so it stays bounded however many big files a repository holds.
 *
 * A pool can serve many runs (a worker keeps one for its lifetime, so its threads keep their grammars, compiled
 * queries and optimised code): an idle thread does not keep the process alive, and a run that is aborted takes
 * its queued files out without disturbing the others.
 */
export class ParsePool {
  readonly #slots: Slot[] = [];
  readonly #queue: Queued[] = [];
  /** Signals listened to, one listener per signal however many of its files wait. */
  readonly #watched = new WeakSet<AbortSignal>();
  readonly #watchdogMs: number;
  readonly #trimAfterBytes: number;
  #nextId = 0;
  #threadsStarted = 0;
  #closed = false;
  #startFailures = 0;
  #broken: Error | null = null;

  /** `watchdogMs` defaults to twice the file budget plus 5 s, `trimAfterBytes` to {@link TRIM_AFTER_BYTES}. */
  constructor(size: number, fileTimeoutMs: number, options: { watchdogMs?: number; trimAfterBytes?: number } = {}) {
    this.#watchdogMs = options.watchdogMs ?? fileTimeoutMs * 2 + WATCHDOG_GRACE_MS;
    this.#trimAfterBytes = options.trimAfterBytes ?? TRIM_AFTER_BYTES;
    for (let i = 0; i < Math.max(1, size); i++) this.#slots.push(this.#createSlot());
  }

  /** Parses one file on the next free thread. Problems are in the result; rejects only if the pool is unusable. */
  async parse(task: Omit<ParseTask, 'id'>): Promise<ParsedFile> {
    const { bytes } = await this.parseRecord(task);
    const file = JSON.parse(utf8.decode(bytes)) as ParsedFile & { type?: 'file' };
    delete file.type;
    return file;
  }

  /**
   * Like `parse`, but answers with the file's NDJSON record line (`{"type":"file",…}`) and its summary counts,
   * both made in the thread, so the calling thread neither deserialises nor serialises the file. Aborting
   * `signal` while the file still waits for a thread rejects with the signal's reason and drops the file.
   */
  parseRecord(task: Omit<ParseTask, 'id'>, signal?: AbortSignal): Promise<RecordLine> {
    if (this.#closed) return Promise.reject(new Error('ParsePool is closed'));
    if (this.#broken != null) return Promise.reject(this.#broken);
    if (signal?.aborted === true) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      this.#queue.push({ task: { ...task, id: this.#nextId++ }, resolve, reject, signal });
      if (signal != null && !this.#watched.has(signal)) {
        this.#watched.add(signal);
        signal.addEventListener('abort', () => this.#drop(signal), { once: true });
      }
      this.#dispatch();
    });
  }

  /** Threads started so far, replacements included. */
  get threadsStarted(): number {
    return this.#threadsStarted;
  }

  /** Whether the pool gave up because its threads kept dying before their first answer. */
  get broken(): boolean {
    return this.#broken != null;
  }

  /** Terminates every thread; pending files are not parsed. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#slots.map((slot) => slot.worker.terminate()));
  }

  /** Takes the files of an aborted caller that wait for a thread out of the queue; those on a thread finish. */
  #drop(signal: AbortSignal): void {
    const dropped = this.#queue.filter((queued) => queued.signal === signal);
    const kept = this.#queue.filter((queued) => queued.signal !== signal);
    this.#queue.splice(0, this.#queue.length, ...kept);
    for (const queued of dropped) queued.reject(signal.reason);
  }

  #dispatch(): void {
    for (let depth = 0; depth < IN_FLIGHT_PER_THREAD; depth++) {
      for (const slot of this.#slots) {
        if (slot.inFlight.length > depth || slot.draining) continue;
        const next = this.#takeNext();
        if (next == null) return;
        if (slot.inFlight.length === 0) slot.worker.ref();
        slot.inFlight.push(next);
        slot.timer ??= setTimeout(() => this.#retire(slot, 'timed out'), this.#watchdogMs);
        slot.worker.postMessage(next.task);
      }
    }
  }

  /** The oldest queued file, or, while a big file is on a thread, the oldest one that is not big. */
  #takeNext(): Queued | undefined {
    const isBig = (queued: Queued) => queued.task.sizeBytes >= BIG_FILE_BYTES;
    const bigOnThread = this.#slots.some((slot) => slot.inFlight.some(isBig));
    const index = bigOnThread ? this.#queue.findIndex((queued) => !isBig(queued)) : 0;
    return index === -1 ? undefined : this.#queue.splice(index, 1)[0];
  }

  /** Resolves the oldest file of `slot`; the watchdog restarts for the next one, and an idle thread is unref'd. */
  #finish(slot: Slot, record: RecordLine): void {
    const done = slot.inFlight.shift();
    slot.parsedBytes += done?.task.sizeBytes ?? 0;
    if (done != null && done.task.sizeBytes >= BIG_FILE_BYTES) slot.draining = true;
    if (slot.timer != null) clearTimeout(slot.timer);
    slot.timer = slot.inFlight.length > 0 ? setTimeout(() => this.#retire(slot, 'timed out'), this.#watchdogMs) : null;
    if (slot.inFlight.length === 0) slot.worker.unref();
    done?.resolve(record);
  }

  /** Replaces a dead or stuck thread; its file, if any, comes back with the problem recorded. */
  #retire(slot: Slot, why: string): void {
    const index = this.#slots.indexOf(slot);
    if (this.#closed || index === -1) return;
    void slot.worker.terminate();
    if (!slot.answered && why !== 'timed out') this.#startFailures++;
    const task = slot.inFlight[0]?.task;
    this.#queue.unshift(...slot.inFlight.splice(1));
    if (task != null) {
      const file = emptyParsedFile(task.relativePath, task.sizeBytes);
      const type = detectFileType(task.relativePath);
      // Counted as a failed file of its language, not as a skipped one.
      file.kind = type.kind === 'code' ? 'code' : type.kind === 'text' ? 'text' : 'skipped';
      file.language = type.kind === 'code' ? type.spec.name : type.kind === 'text' ? 'text' : null;
      file.problems.timedOut = why === 'timed out';
      file.problems.error = `parser thread ${why} on this file; the thread was replaced`;
      this.#finish(slot, recordLine({ type: 'file', ...file }));
    }
    if (this.#startFailures >= MAX_START_FAILURES) {
      this.#slots.splice(index, 1);
      this.#break(new Error(`parser threads die before parsing anything: ${slot.lastError ?? why}`));
      return;
    }
    this.#slots[index] = this.#createSlot();
    this.#dispatch();
  }

  /**
   * Replaces the idle threads that parsed `trimAfterBytes` or more since the last call by fresh ones: after a big
   * run the memory its threads grew is given back, while threads that served a run of ordinary size stay warm.
   */
  trim(): void {
    for (const slot of [...this.#slots]) {
      if (slot.inFlight.length > 0) continue;
      if (slot.parsedBytes >= this.#trimAfterBytes) this.#recycle(slot);
      else slot.parsedBytes = 0;
    }
  }

  /** Replaces an idle thread by a fresh one, which gives its memory back. */
  #recycle(slot: Slot): void {
    const index = this.#slots.indexOf(slot);
    if (this.#closed || index === -1) return;
    // Replaced first: the old thread's exit then finds no slot of its own to retire.
    this.#slots[index] = this.#createSlot();
    void slot.worker.terminate();
  }

  #break(error: Error): void {
    this.#broken = error;
    for (const queued of this.#queue.splice(0)) queued.reject(error);
  }

  #createSlot(): Slot {
    const worker = createParseWorker();
    this.#threadsStarted++;
    const slot: Slot = {
      worker,
      inFlight: [],
      timer: null,
      answered: false,
      lastError: null,
      draining: false,
      parsedBytes: 0,
    };
    worker.on('message', (message: ParseTaskResult) => {
      slot.answered = true;
      // Only deaths in a row count: a long-lived pool must not give up over a few crashes spread over days.
      this.#startFailures = 0;
      if (message.id !== slot.inFlight[0]?.task.id) return;
      this.#finish(slot, message);
      if (slot.draining && slot.inFlight.length === 0) this.#recycle(slot);
      this.#dispatch();
    });
    worker.on('error', (error) => {
      slot.lastError = error.message;
      this.#retire(slot, `crashed (${error.message})`);
    });
    worker.on('exit', () => this.#retire(slot, 'exited'));
    // Idle until #dispatch hands it a file: a pool kept for later runs must not hold the process open. After the
    // listeners, since adding a 'message' listener refs the thread's port again.
    worker.unref();
    return slot;
  }
}

/**
 * Starts a parse thread: the compiled `parse-worker.js` next to this module when running dist/ (the CLI, the
 * worker, the server). When running from TypeScript sources (vitest, the benchmarks), the thread runs
 * the worker bundled into plain JavaScript (`compiledParseWorker`); only if that is unavailable does it register
 * tsx first and then import the `.ts` worker module (Node 20 does not apply `--import` loader hooks to a
 * worker's entry module).
 */
function createParseWorker(): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? './parse-worker.ts' : './parse-worker.js', import.meta.url);
  if (!fromSource) return new Worker(url);
  const compiled = compiledParseWorker();
  if (compiled != null) return new Worker(compiled);
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)})
    .then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })
    .catch((error) => { setImmediate(() => { throw error; }); });`;
  return new Worker(bootstrap, { eval: true });
}
