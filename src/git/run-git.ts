import { spawn } from 'node:child_process';
import { GitCommandError } from './classify-git-error.js';
import { GIT_CONFIG_ARGS, buildGitEnv } from './git-client.js';

/** How to run one git command. */
export interface RunGitOptions {
  /** `--git-dir` of a bare repository, or null to run in `cwd`. */
  gitDir: string | null;
  cwd?: string;
  /** The source's config entries (credentials included); they travel in the environment, never in argv. */
  config?: Record<string, string>;
  signal?: AbortSignal;
  /** Bytes written to the command's stdin. */
  input?: string | Buffer;
}

function gitArgs(options: RunGitOptions, args: readonly string[]): string[] {
  const global = GIT_CONFIG_ARGS.flatMap((c) => ['-c', c]);
  return [...global, ...(options.gitDir == null ? [] : ['--git-dir', options.gitDir]), ...args];
}

/**
 * Runs git and returns its stdout as bytes; a non-zero exit is a GitCommandError carrying the exit code and
 * stderr. The environment is the one `buildGitEnv` makes: no prompts, no system config, credentials only in
 * GIT_CONFIG_* variables.
 */
export async function runGit(args: readonly string[], options: RunGitOptions): Promise<Buffer> {
  const child = spawn('git', gitArgs(options, args), {
    cwd: options.cwd,
    env: buildGitEnv(options.config ?? {}),
    signal: options.signal,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  child.stdin.on('error', () => undefined);
  child.stdin.end(options.input ?? '');
  const code = await new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.once('close', (exit) => resolve(exit ?? -1));
  });
  if (code !== 0) throw new GitCommandError(args[0] ?? 'git', code, Buffer.concat(err).toString('utf8'));
  return Buffer.concat(out);
}

/**
 * Streams `git cat-file --batch` over `oids`, calling `onBlob` with each object's bytes in order. One process
 * for any number of objects, so reading a commit's files costs what their bytes cost.
 */
export async function readObjects(
  gitDir: string,
  oids: readonly string[],
  onBlob: (oid: string, bytes: Buffer) => void | Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  if (oids.length === 0) return;
  const child = spawn('git', gitArgs({ gitDir }, ['cat-file', '--batch']), {
    env: buildGitEnv({}),
    signal,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const err: Buffer[] = [];
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  child.stdin.on('error', () => undefined);
  child.stdin.end(`${oids.join('\n')}\n`);
  const closed = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.once('close', (exit) => resolve(exit ?? -1));
  });
  // Awaited below; when reading stdout throws first (a cancelled activity aborts git), its rejection must not
  // go unhandled, which would end the process.
  closed.catch(() => undefined);
  const reader = new ChunkReader();
  let next = 0;
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    reader.push(chunk);
    for (;;) {
      const header = reader.peekLine();
      if (header == null) break;
      const [oid, type, sizeText] = header.text.split(' ');
      if (type === 'missing' || sizeText == null) {
        child.kill();
        throw new GitCommandError('cat-file', 128, `object ${oid} is missing from ${gitDir}`);
      }
      const size = Number(sizeText);
      if (reader.length < header.bytes + size + 1) break;
      reader.skip(header.bytes);
      const bytes = reader.take(size);
      reader.skip(1);
      await onBlob(oids[next++] ?? oid ?? '', bytes);
    }
  }
  const code = await closed;
  if (code !== 0) throw new GitCommandError('cat-file', code, Buffer.concat(err).toString('utf8'));
  if (next !== oids.length) throw new GitCommandError('cat-file', 128, `read ${next} of ${oids.length} objects`);
}

/** Bytes arriving in chunks, read as lines and exact lengths without copying more than once. */
class ChunkReader {
  #chunks: Buffer[] = [];
  length = 0;

  push(chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.length += chunk.length;
  }

  /** The next line (without its `\n`) and its length including the `\n`, or null when it is not complete. */
  peekLine(): { text: string; bytes: number } | null {
    let offset = 0;
    for (const chunk of this.#chunks) {
      const newline = chunk.indexOf(10);
      if (newline >= 0) {
        const bytes = offset + newline + 1;
        return { text: this.#copy(bytes - 1).toString('utf8'), bytes };
      }
      offset += chunk.length;
    }
    return null;
  }

  take(n: number): Buffer {
    const out = this.#copy(n);
    this.skip(n);
    return out;
  }

  skip(n: number): void {
    this.length -= n;
    while (n > 0) {
      const first = this.#chunks[0]!;
      if (first.length <= n) {
        this.#chunks.shift();
        n -= first.length;
      } else {
        this.#chunks[0] = first.subarray(n);
        n = 0;
      }
    }
  }

  #copy(n: number): Buffer {
    const out = Buffer.allocUnsafe(n);
    let written = 0;
    for (const chunk of this.#chunks) {
      if (written >= n) break;
      written += chunk.copy(out, written, 0, Math.min(chunk.length, n - written));
    }
    return out;
  }
}
