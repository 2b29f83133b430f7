import fs from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { ParsedFile } from './parsed-file.js';
import { emptyParsedFile, parseFile, unreadableProblems } from './parse-file.js';
import type { ParseTask, ParseTaskResult } from './parse-pool.js';
import { initTreeSitter } from './parser-cache.js';
import { recordLine } from './record-line.js';

/**
 * A regular file is read synchronously (a tenth of the cost of the promise API, and this thread has nothing
 * else to do); anything else (a FIFO, a device) asynchronously, so a read that never completes leaves the
 * thread responsive to the pool's watchdog.
 */
async function readBytes(path: string): Promise<Uint8Array> {
  return fs.statSync(path).isFile() ? fs.readFileSync(path) : await fs.promises.readFile(path);
}

// Entry point of one pool thread: reads each file itself (so bytes never cross threads) and parses it.
async function handle(task: ParseTask): Promise<ParsedFile> {
  let bytes: Uint8Array;
  try {
    bytes = await readBytes(task.absolutePath);
  } catch (error) {
    return { ...emptyParsedFile(task.relativePath, task.sizeBytes), problems: unreadableProblems(error) };
  }
  return parseFile({ relativePath: task.relativePath, bytes, config: task.config });
}

function post(id: number, file: ParsedFile): void {
  const message = { id, ...recordLine({ type: 'file', ...file }) } satisfies ParseTaskResult;
  parentPort?.postMessage(message, [message.bytes.buffer]);
}

// The runtime is compiled while the thread waits for its first file; a failure resurfaces on that file.
initTreeSitter().catch(() => undefined);

// Files are parsed one at a time in the order they arrive: the pool's watchdog blames the oldest unanswered one.
let queue: Promise<void> = Promise.resolve();

parentPort?.on('message', (task: ParseTask) => {
  queue = queue.then(() =>
    handle(task).then(
      (file) => post(task.id, file),
      (error: unknown) => {
        const result = emptyParsedFile(task.relativePath, task.sizeBytes);
        result.problems.error = error instanceof Error ? error.message : String(error);
        post(task.id, result);
      },
    ),
  );
});
