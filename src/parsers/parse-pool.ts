import { Worker } from 'node:worker_threads';
import type { ParseFileInput } from './parse-file.js';
import { emptyParsedFile } from './parse-file.js';
import type { ParsedFile } from './parsed-file.js';

/** One file for a pool thread to read and parse. */
export interface ParseTask {
  id: number;
  relativePath: string;
  absolutePath: string;
  sizeBytes: number;
  config: ParseFileInput['config'];
}

/** A pool thread's answer. */
export interface ParseTaskResult {
  id: number;
  result: ParsedFile;
}

interface Slot {
  worker: Worker;
  task: ParseTask | null;
  resolve: ((file: ParsedFile) => void) | null;
  timer: NodeJS.Timeout | null;
}

const WATCHDOG_GRACE_MS = 5000;

/**
 * A fixed-size pool of worker threads that parse files. A thread that stops answering (a parse the in-thread
 * budget could not interrupt) is terminated after twice the file budget plus a grace period and replaced; its
 * file comes back `timedOut`.
 */
export class ParsePool {
  readonly #slots: Slot[] = [];
  readonly #queue: { task: ParseTask; resolve: (file: ParsedFile) => void }[] = [];
  readonly #watchdogMs: number;
  #nextId = 0;
  #closed = false;

  constructor(size: number, fileTimeoutMs: number) {
    this.#watchdogMs = fileTimeoutMs * 2 + WATCHDOG_GRACE_MS;
    for (let i = 0; i < Math.max(1, size); i++) this.#slots.push(this.#createSlot());
  }

  /** Parses one file on the next free thread. Never rejects: problems are in the result. */
  parse(task: Omit<ParseTask, 'id'>): Promise<ParsedFile> {
    if (this.#closed) return Promise.reject(new Error('ParsePool is closed'));
    return new Promise((resolve) => {
      this.#queue.push({ task: { ...task, id: this.#nextId++ }, resolve });
      this.#dispatch();
    });
  }

  /** Terminates every thread; pending files are not parsed. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#slots.map((slot) => slot.worker.terminate()));
  }

  #dispatch(): void {
    for (const slot of this.#slots) {
      if (slot.task != null) continue;
      const next = this.#queue.shift();
      if (next == null) return;
      slot.task = next.task;
      slot.resolve = next.resolve;
      slot.timer = setTimeout(() => this.#kill(slot, 'timed out'), this.#watchdogMs);
      slot.worker.postMessage(next.task);
    }
  }

  #finish(slot: Slot, file: ParsedFile): void {
    const resolve = slot.resolve;
    if (slot.timer != null) clearTimeout(slot.timer);
    slot.task = null;
    slot.resolve = null;
    slot.timer = null;
    resolve?.(file);
    if (!this.#closed) this.#dispatch();
  }

  #kill(slot: Slot, why: string): void {
    const task = slot.task;
    if (task == null || this.#closed) return;
    const file = emptyParsedFile(task.relativePath, task.sizeBytes);
    file.problems.timedOut = why === 'timed out';
    file.problems.error = `parser thread ${why} on this file; the thread was replaced`;
    void slot.worker.terminate();
    const index = this.#slots.indexOf(slot);
    const replacement = this.#createSlot();
    this.#slots[index] = replacement;
    this.#finish(slot, file);
  }

  #createSlot(): Slot {
    const worker = createParseWorker();
    const slot: Slot = { worker, task: null, resolve: null, timer: null };
    worker.on('message', (message: ParseTaskResult) => {
      if (slot.task != null && message.id === slot.task.id) this.#finish(slot, message.result);
    });
    worker.on('error', (error) => {
      console.error(error);
      this.#kill(slot, 'crashed');
    });
    worker.on('exit', () => this.#kill(slot, 'exited'));
    return slot;
  }
}

/**
 * Starts a parse thread. When running from TypeScript sources (tests, `node bin/repograph.js`), the thread
 * registers tsx first and then imports the `.ts` worker module (Node 20 does not apply `--import` loader hooks
 * to a worker's entry module).
 */
function createParseWorker(): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? './parse-worker.ts' : './parse-worker.js', import.meta.url);
  if (!fromSource) return new Worker(url);
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)})
    .then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })
    .catch((error) => { setImmediate(() => { throw error; }); });`;
  return new Worker(bootstrap, { eval: true });
}
