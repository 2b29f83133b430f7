/** Minimal logger the GitHub integration writes to (console fits). */
export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Options of {@link TriggerQueue}. */
export interface TriggerQueueOptions {
  /** Attempts per task before it is given up (logged as an error). */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  log: Log;
}

/** What happened to a task's first attempt. */
export type FirstAttempt = 'done' | 'retrying' | 'failed';

/**
 * Runs webhook side effects (workflow starts, graph removals) in the background with exponential backoff, so the
 * webhook is answered fast and a short Temporal or database outage does not lose a trigger. A task whose key is
 * already queued is not queued twice. Survives nothing but transient errors: process restarts lose queued
 * retries, which is why every trigger is idempotent and GitHub's redelivery can replay it.
 */
export class TriggerQueue {
  readonly #options: TriggerQueueOptions;
  readonly #pending = new Map<string, Promise<void>>();

  constructor(options: Partial<TriggerQueueOptions> & { log: Log }) {
    this.#options = { maxAttempts: 8, baseDelayMs: 1_000, maxDelayMs: 60_000, ...options };
  }

  /** Queues `task` under `key`; resolves with the outcome of its first attempt. */
  submit(key: string, summary: string, task: () => Promise<void>): Promise<FirstAttempt> {
    const running = this.#pending.get(key);
    if (running != null) return Promise.resolve('retrying');
    let settleFirst: (outcome: FirstAttempt) => void = () => undefined;
    const first = new Promise<FirstAttempt>((resolve) => (settleFirst = resolve));
    const run = this.#run(summary, task, settleFirst).finally(() => this.#pending.delete(key));
    this.#pending.set(key, run);
    return first;
  }

  /** Number of tasks not finished yet. */
  get size(): number {
    return this.#pending.size;
  }

  /** Resolves when every queued task has finished or given up. */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending.values()]);
  }

  async #run(summary: string, task: () => Promise<void>, settleFirst: (o: FirstAttempt) => void): Promise<void> {
    const { maxAttempts, baseDelayMs, maxDelayMs, log } = this.#options;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      try {
        await task();
        settleFirst('done');
        return;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (isPermanent(error) || attempt === maxAttempts) {
          log.error(`gave up on "${summary}" after ${attempt} attempt(s): ${message}`);
          settleFirst('failed');
          return;
        }
        const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
        log.warn(`"${summary}" failed (attempt ${attempt}/${maxAttempts}), retrying in ${delay} ms: ${message}`);
        settleFirst('retrying');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}

function isPermanent(error: unknown): boolean {
  return typeof error === 'object' && error != null && (error as { nonRetryable?: unknown }).nonRetryable === true;
}
