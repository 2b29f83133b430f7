import { mkdir, open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

const FLUSH_BYTES = 1 << 20;

/** Appends JSON lines to several files of one directory, buffering per file and flushing in large writes. */
export class NdjsonSink {
  private readonly handles = new Map<string, FileHandle>();
  private readonly buffers = new Map<string, string[]>();
  private readonly sizes = new Map<string, number>();

  private constructor(readonly dir: string) {}

  /** Creates `dir` if needed; files are truncated when first written. */
  static async create(dir: string): Promise<NdjsonSink> {
    await mkdir(dir, { recursive: true });
    return new NdjsonSink(dir);
  }

  /** Queues `row` as one line of `fileName`. */
  async write(fileName: string, row: unknown): Promise<void> {
    const line = `${JSON.stringify(row)}\n`;
    const buffer = this.buffers.get(fileName);
    if (buffer == null) this.buffers.set(fileName, [line]);
    else buffer.push(line);
    const size = (this.sizes.get(fileName) ?? 0) + line.length;
    this.sizes.set(fileName, size);
    if (size >= FLUSH_BYTES) await this.flush(fileName);
  }

  private async flush(fileName: string): Promise<void> {
    const lines = this.buffers.get(fileName);
    if (lines == null || lines.length === 0) return;
    let handle = this.handles.get(fileName);
    if (handle == null) {
      handle = await open(path.join(this.dir, fileName), 'w');
      this.handles.set(fileName, handle);
    }
    this.buffers.set(fileName, []);
    this.sizes.set(fileName, 0);
    await handle.write(lines.join(''));
  }

  /** Flushes and closes every file. */
  async close(): Promise<void> {
    for (const fileName of this.buffers.keys()) await this.flush(fileName);
    for (const handle of this.handles.values()) await handle.close();
    this.handles.clear();
  }
}
