import type { ParseRecord } from '../parsers/parse-record.js';
import type { ParsedFile } from '../parsers/parsed-file.js';
import type { RepoLayout } from '../resolution/repo-layout.js';
import { parentDir } from '../parsers/repo-path.js';
import { indexedFileOf } from '../resolution/indexed-file.js';
import type { RepoIndex } from '../resolution/repo-index.js';
import { SymbolLookup } from '../resolution/symbol-lookup.js';
import type { RowContext } from './file-node-rows.js';
import type { Fragment } from './fragment.js';
import { GraphEmitter, type FileFragment } from './graph-emitter.js';

/** Rounds of loading the symbols of files a resolution wanted before giving up (each round adds at least one). */
const MAX_ROUNDS = 64;

/** What the pipeline emits: a directory's fragment, or a file's with its resolution facts. */
export type EmittedFragment = { directory: Fragment } | { file: FileFragment };

/** Every fragment of a commit. */
export interface AllFragments {
  /** Every directory and every file record with a fragment, in walk order; read twice. */
  every: () => AsyncIterable<ParseRecord>;
}

/** Some fragments of a commit: the given files and directories. */
export interface SomeFragments {
  /** The records of the files whose fragments are wanted, in the order they are emitted. */
  files: ReadonlyMap<string, ParsedFile>;
  /** The directories whose fragments are wanted, with their children in the graph. */
  dirs: readonly string[];
  children: ReadonlyMap<string, readonly string[]>;
  /** Reads the records of other files of the commit, when resolution asks for them. */
  read(paths: readonly string[]): Promise<Map<string, ParsedFile>>;
}

/** Input of {@link emitFragments}. */
export interface EmitFragmentsInput {
  ctx: RowContext;
  /** The root directory node's name ({@link rootNameOf}). */
  rootName: string;
  /**
   * The commit's symbol table. For all fragments it may start empty: every directory and record is added to it.
   * For some, it must know every directory and file of the commit; files are loaded as resolution needs them.
   */
  index: RepoIndex;
  /** The commit's layout, read once the index knows every file of the commit. */
  layoutOf(index: RepoIndex): RepoLayout;
  /** Every fragment of the commit, in walk order, streamed; or only some. */
  wanted: AllFragments | SomeFragments;
}

/**
 * The one way fragments are made, for a whole commit or for the part of it a change affects. Every answer a
 * file's resolution gets comes from loaded records, so a fragment is the same whichever part is asked for.
 * - All: two streaming passes over the records. Pass 1 loads every file's symbols (no text) and each
 *   directory's children; pass 2 emits one fragment per directory and file. Never holds more than one record's text.
 * - Some: the wanted files' records are loaded, every other file of the commit is only known. A lookup of a known
 *   file that is not loaded is a miss: the missing files are loaded and the round repeated until a round has none.
 */
export async function* emitFragments(input: EmitFragmentsInput): AsyncGenerator<EmittedFragment> {
  if ('every' in input.wanted) yield* emitAll(input, input.wanted);
  else yield* emitSome(input, input.wanted);
}

function normalDir(relativePath: string): string {
  return relativePath === '' || relativePath === './' ? '.' : relativePath;
}

async function* emitAll(input: EmitFragmentsInput, { every: records }: AllFragments): AsyncGenerator<EmittedFragment> {
  const { index } = input;
  const children = new Map<string, string[]>();
  const addChild = (entry: string) => {
    if (entry === '.') return;
    const parent = parentDir(entry);
    const list = children.get(parent);
    if (list == null) children.set(parent, [entry]);
    else list.push(entry);
  };
  for await (const record of records()) {
    if (record.type === 'directory') {
      const dir = normalDir(record.relativePath);
      index.addDir(dir);
      addChild(dir);
    } else if (record.kind !== 'skipped') {
      index.addFile(record);
      addChild(record.relativePath);
    }
  }
  const emitter = new GraphEmitter(input.ctx, new SymbolLookup(index, input.layoutOf(index)));
  yield { directory: emitter.directory('.', input.rootName, children.get('.') ?? []) };
  for await (const record of records()) {
    if (record.type === 'directory') {
      const dir = normalDir(record.relativePath);
      if (dir !== '.') yield { directory: emitter.directory(dir, input.rootName, children.get(dir) ?? []) };
    } else if (record.kind !== 'skipped') yield { file: emitter.file(record) };
  }
}

async function* emitSome(input: EmitFragmentsInput, wanted: SomeFragments): AsyncGenerator<EmittedFragment> {
  const { index } = input;
  for (const file of wanted.files.values()) index.addFile(file);
  const layout = input.layoutOf(index);
  let fragments: FileFragment[] = [];
  for (let round = 0; ; round++) {
    index.recorder.misses.clear();
    const emitter = new GraphEmitter(input.ctx, new SymbolLookup(index, layout));
    fragments = [...wanted.files.values()].map((file) => emitter.file(file));
    const missing = [...index.recorder.misses].filter((p) => !index.isLoaded(p));
    if (missing.length === 0) break;
    if (round >= MAX_ROUNDS) throw new Error(`resolution kept asking for unloaded files after ${round} rounds`);
    for (const file of (await wanted.read(missing)).values()) index.addIndexedFile(indexedFileOf(file));
  }
  for (const file of fragments) yield { file };
  const emitter = new GraphEmitter(input.ctx, new SymbolLookup(index, layout));
  for (const dir of wanted.dirs) {
    yield { directory: emitter.directory(dir, input.rootName, wanted.children.get(dir) ?? []) };
  }
}
