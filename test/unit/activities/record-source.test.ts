import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityDeps } from '../../../src/activities/activity-deps.js';
import { RecordSource } from '../../../src/activities/record-source.js';
import { runFile } from '../../../src/activities/run-files.js';
import type { Commit } from '../../../src/engine/commit-files.js';
import { emptyParsedFile } from '../../../src/parsers/parse-file.js';
import { recordLine } from '../../../src/parsers/record-line.js';

// Paths a JSON string escapes, or that look like the end of one.
const PATHS = ['src/plain.go', 'dir with spaces/a "quoted" name.py', 'back\\slash/ü/文件.ts', 'x/","relativePath":"y.js'];

describe('RecordSource reading the records this run parsed', () => {
  let dir: string;
  const commit: Commit = { walk: [], dirs: [], summaries: new Map(), graphFiles: [], children: new Map() };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'record-source-'));
    const lines = [recordLine({ type: 'directory', relativePath: 'src' }).bytes];
    for (const [i, relativePath] of PATHS.entries()) {
      lines.push(recordLine({ type: 'file', ...emptyParsedFile(relativePath, 100 + i, `hash-${i}`) }).bytes);
    }
    // A line whose keys come in another order is still found, by parsing it whole.
    const reordered = { ...emptyParsedFile('last/reordered.py', 7, 'hash-r'), type: 'file' };
    lines.push(Buffer.from(`${JSON.stringify(reordered)}\n`));
    await writeFile(runFile(dir, 'records'), Buffer.concat(lines));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('finds each record by its path, whatever characters the path holds', async () => {
    // No database: every record asked for is in the run's own records file.
    const source = new RecordSource({} as ActivityDeps, dir, commit);
    const read = await source.read([...PATHS, 'last/reordered.py'].reverse());
    expect([...read.keys()].sort()).toEqual([...PATHS, 'last/reordered.py'].sort());
    for (const [i, relativePath] of PATHS.entries()) {
      expect(read.get(relativePath)).toMatchObject({ relativePath, sizeBytes: 100 + i, contentHash: `hash-${i}` });
    }
    expect(read.get('last/reordered.py')).toMatchObject({ sizeBytes: 7, contentHash: 'hash-r' });
  });
});
