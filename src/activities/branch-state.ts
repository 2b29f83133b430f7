import { writeFile } from 'node:fs/promises';
import type { FileStateRow } from '../engine/file-state-rows.js';
import { NdjsonSink } from '../graph/ndjson-sink.js';
import type { IndexingMode } from '../shared/repo-indexing.js';
import { readLines, runFile, RUN_FILES } from './run-files.js';

/** What the knowledge-graph step changed, for the metadata step to record in the same run. */
export interface BranchStateChanges {
  mode: IndexingMode;
  commitSha: string;
  graphVersion: string;
  layoutHash: string;
  /** Rows to insert or update: how many the run's `stateRows` file holds ({@link StateRows}). */
  upserts: number;
  /** Paths whose rows go (files the commit no longer has). */
  deletes: string[];
  /** Full mode: every row of the branch is in `upserts`; any other row goes. */
  replaceAll: boolean;
  addedDirs: string[];
  removedDirs: string[];
  /** Totals of the branch's graph after the write. */
  nodes: number;
  relationships: number;
}

/**
 * The `indexed_files` rows a knowledge-graph step changed, appended to the run's `stateRows` file as they are
 * made (one per line), so a repository of any size never holds them all in memory.
 */
export class StateRows {
  count = 0;

  private constructor(private readonly sink: NdjsonSink) {}

  /** Creates (or empties) the run's `stateRows` file, so a run that changes no row leaves an empty one. */
  static async create(workDir: string): Promise<StateRows> {
    await writeFile(runFile(workDir, 'stateRows'), '');
    return new StateRows(await NdjsonSink.create(workDir));
  }

  async write(row: FileStateRow): Promise<void> {
    this.count++;
    await this.sink.write(RUN_FILES.stateRows, row);
  }

  /** Writes what is buffered and closes the file; later calls do nothing. */
  async close(): Promise<void> {
    await this.sink.close();
  }
}

/** The rows a {@link StateRows} wrote, streamed. */
export function readStateRows(workDir: string): AsyncGenerator<FileStateRow> {
  return readLines<FileStateRow>(runFile(workDir, 'stateRows'));
}
