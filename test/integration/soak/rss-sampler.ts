import { readFileSync } from 'node:fs';

/** Resident set size of process `pid` in bytes, from /proc (Linux); null once the process is gone. */
export function readRss(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match == null ? null : Number(match[1]) * 1024;
  } catch {
    return null;
  }
}

/** One RSS reading. */
export interface RssSample {
  atMs: number;
  bytes: number;
}

/** RSS of one process, start (first sample after {@link RssSampler.mark}), peak and end, in bytes. */
export interface RssFigures {
  start: number;
  peak: number;
  end: number;
  samples: number;
}

/** Samples a process's RSS at a fixed interval until stopped; `mark()` sets where "start" is. */
export class RssSampler {
  readonly samples: RssSample[] = [];
  #timer: NodeJS.Timeout | null = null;
  #markAt = 0;

  constructor(
    private readonly pid: number,
    private readonly intervalMs = 500,
  ) {}

  start(): this {
    this.#sample();
    this.#timer = setInterval(() => this.#sample(), this.intervalMs);
    this.#timer.unref();
    return this;
  }

  /** From now on the figures count: the sample taken now is "start". */
  mark(): void {
    this.#sample();
    this.#markAt = this.samples.at(-1)?.atMs ?? Date.now();
  }

  /** Takes a last sample and stops. */
  stop(): RssFigures {
    this.#sample();
    if (this.#timer != null) clearInterval(this.#timer);
    this.#timer = null;
    return this.figures();
  }

  figures(): RssFigures {
    const counted = this.samples.filter((s) => s.atMs >= this.#markAt);
    if (counted.length === 0) throw new Error(`no RSS sample of process ${this.pid}`);
    return {
      start: counted[0]!.bytes,
      peak: Math.max(...counted.map((s) => s.bytes)),
      end: counted.at(-1)!.bytes,
      samples: counted.length,
    };
  }

  #sample(): void {
    const bytes = readRss(this.pid);
    if (bytes != null) this.samples.push({ atMs: Date.now(), bytes });
  }
}
