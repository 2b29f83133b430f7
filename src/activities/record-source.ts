import { open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { heartbeat } from '@temporalio/activity';
import { readParseCacheRecords } from '../db/repositories/parse-cache.repository.js';
import type { Commit, WalkLine } from '../engine/commit-files.js';
import { NdjsonSink } from '../graph/ndjson-sink.js';
import type { ParseRecord } from '../parsers/parse-record.js';
import type { ParsedFile } from '../parsers/parsed-file.js';
import { readLinesOf } from '../parsers/read-json-lines.js';
import { readParseRecords } from '../parsers/read-parse-records.js';
import type { ActivityDeps } from './activity-deps.js';
import { readLines, runFile } from './run-files.js';

/** Cached records fetched per round trip while a full run lays out every record of the commit. */
const PREFETCH = 200;

// A file's record line starts with its type and path (`recordLine` serialises a record made by `emptyParsedFile`):
// reading the path there spares parsing every record of the repository, text and all, to find where each one is.
const PATH_AT_START = /^\{"type":"file","relativePath":("(?:[^"\\]|\\.)*")/;

/** Reads parse records of the commit: those this run parsed from the work dir, the others from the cache. */
export class RecordSource {
  // Where each record this run parsed sits in the records file: a full run reads them all, and holding the lines
  // themselves would keep the whole repository's parse output in memory.
  #parsed: Map<string, { offset: number; length: number }> | null = null;

  constructor(
    private readonly deps: ActivityDeps,
    private readonly workDir: string,
    private readonly commit: Commit,
  ) {}

  async #parsedOffsets(): Promise<Map<string, { offset: number; length: number }>> {
    if (this.#parsed == null) {
      this.#parsed = new Map();
      try {
        for await (const { line, offset, bytes } of readLinesOf(runFile(this.workDir, 'records'))) {
          if (line === '') continue;
          const quoted = PATH_AT_START.exec(line)?.[1];
          const path =
            quoted == null ? (JSON.parse(line) as { relativePath: string }).relativePath : (JSON.parse(quoted) as string);
          this.#parsed.set(path, { offset, length: bytes });
        }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    return this.#parsed;
  }

  /** The records of `paths` (files of the commit with a parse result), with their paths as in this commit. */
  async read(paths: Iterable<string>): Promise<Map<string, ParsedFile>> {
    const parsed = await this.#parsedOffsets();
    const out = new Map<string, ParsedFile>();
    const fromCache = new Map<string, string[]>();
    const fromRun: [string, { offset: number; length: number }][] = [];
    for (const path of paths) {
      const at = parsed.get(path);
      if (at != null) fromRun.push([path, at]);
      else {
        const key = this.commit.summaries.get(path)?.line.cacheKey;
        if (key != null) fromCache.set(key, [...(fromCache.get(key) ?? []), path]);
      }
    }
    if (fromRun.length > 0) {
      const handle = await open(runFile(this.workDir, 'records'), 'r');
      try {
        for (const [path, { offset, length }] of fromRun) {
          const buffer = Buffer.alloc(length);
          await handle.read(buffer, 0, length, offset);
          out.set(path, toParsedFile(buffer.toString('utf8'), path));
        }
      } finally {
        await handle.close();
      }
    }
    const records = await readParseCacheRecords(this.deps.db, [...fromCache.keys()]);
    for (const [key, owners] of fromCache) {
      const line = records.get(key);
      if (line == null) throw new Error(`the parse result of ${owners[0]} (${key}) is no longer in the cache`);
      for (const path of owners) out.set(path, toParsedFile(line, path));
    }
    return out;
  }

  /**
   * Every directory and every record of the commit with a fragment, in walk order, as a source that can be read
   * twice. When this run parsed every one of them (a first index, a full rebuild), they stream straight from the
   * records file, which is in walk order already; otherwise they are laid out once in `file`, records from the
   * cache included.
   */
  async inWalkOrder(file: string): Promise<() => AsyncIterable<ParseRecord>> {
    const order = this.#graphOrder();
    if (this.commit.graphFiles.every((f) => f.line.cached == null)) return () => this.#streamParsed(order);
    await this.#writeAll(file, order);
    return () => readParseRecords(file) as AsyncIterable<ParseRecord>;
  }

  #graphOrder(): WalkLine[] {
    const wanted = new Set(this.commit.graphFiles.map((f) => f.line.relativePath));
    return this.commit.walk.filter((l) => l.type === 'directory' || wanted.has(l.relativePath));
  }

  async *#streamParsed(order: WalkLine[]): AsyncGenerator<ParseRecord> {
    const records = readLines<ParseRecord & { relativePath: string }>(runFile(this.workDir, 'records'));
    for (const line of order) {
      if (line.type === 'directory') {
        yield { type: 'directory', relativePath: line.relativePath };
        continue;
      }
      // The records file also holds files without a fragment (skipped by their content): passed over.
      for (;;) {
        const next = await records.next();
        if (next.done === true) throw new Error(`the parse result of ${line.relativePath} is missing from the records`);
        if (next.value.relativePath === line.relativePath) {
          yield next.value;
          break;
        }
      }
    }
    await records.return(undefined);
  }

  async #writeAll(file: string, order: WalkLine[]): Promise<void> {
    // Through the sink's 1 MB writes: joining a whole group of records first made one string of all of them
    // (hundreds of MB when a group holds a few very large files, twice that once one character is outside
    // Latin-1). The file exists even before its first flush.
    await writeFile(file, '');
    const sink = await NdjsonSink.create(path.dirname(file));
    const name = path.basename(file);
    try {
      for (let i = 0; i < order.length; i += PREFETCH) {
        const part = order.slice(i, i + PREFETCH);
        const records = await this.read(part.filter((l) => l.type === 'file').map((l) => l.relativePath));
        for (const l of part) {
          await sink.write(
            name,
            l.type === 'directory'
              ? { type: 'directory', relativePath: l.relativePath }
              : { type: 'file', ...records.get(l.relativePath) },
          );
        }
        heartbeat({ laid_out: i + part.length });
      }
    } finally {
      await sink.close();
    }
    this.#parsed = null;
  }
}

function toParsedFile(line: string, path: string): ParsedFile {
  const record = JSON.parse(line) as ParsedFile & { type?: string };
  delete record.type;
  // A cached result was made under the path its content was first seen at.
  if (record.relativePath !== path) {
    record.relativePath = path;
    for (const chunk of record.chunks) chunk.relativePath = path;
  }
  return record;
}
