import ignore, { type Ignore } from 'ignore';
import type { ParserConfig } from '../config/read-config.js';
import {
  ALWAYS_EXCLUDED_DIRS,
  CONTEXTUAL_EXCLUDED_DIRS,
  EXCLUDED_FILES,
  PROJECT_MANIFESTS,
  isExcludedDirPattern,
} from './excluded-paths.js';
import { detectFileType } from './languages/index.js';

/** One directory or file the walk reports, in deterministic order. */
export interface WalkEntry {
  type: 'directory' | 'file';
  /** POSIX path relative to the root; the root itself is `.`. */
  relativePath: string;
  /** Where the file's bytes are read from (the checkout path of the file, or of its symlink's target). */
  absolutePath: string;
  sizeBytes: number;
  /**
   * Why the file will not be parsed, decided without reading it: `unsupported`, `too-large`, `excluded`,
   * `symlink-outside-repository`, `symlink-to-directory`, `broken-symlink`, `unreadable`; null when it should
   * be parsed.
   */
  skipReason: string | null;
  /** The git blob id of the bytes to parse, when the tree comes from git (a symlink: its target's). */
  blobOid?: string;
}

/** A name in a directory of the tree being walked. */
export interface WalkDirent {
  name: string;
  kind: 'directory' | 'file' | 'symlink' | 'other';
}

/** Where a symlink leads, as far as the walk cares. */
export type SymlinkTarget =
  | { kind: 'file'; relativePath: string; sizeBytes: number; blobOid?: string }
  | { kind: 'directory' | 'outside' | 'broken' };

/**
 * The tree a walk reads: a directory on disk, or a commit's tree in a git repository. Paths are POSIX and
 * relative to the root (`.` is the root).
 */
export interface WalkSource {
  /** The root as people know it (for messages). */
  readonly root: string;
  /** Where a file's bytes would be read from. */
  absolutePath(relativePath: string): string;
  /** The names in a directory; rejects when it cannot be listed. */
  readdir(relativePath: string): Promise<WalkDirent[]>;
  /** A text file's content (`.gitignore`), or null when it is absent or unreadable. */
  readText(relativePath: string): Promise<string | null>;
  /** Whether a directory contains a file of that name (e.g. `pyvenv.cfg`). */
  contains(dirPath: string, name: string): Promise<boolean>;
  /** A regular file's size and blob id, or null when it cannot be read. */
  fileInfo(relativePath: string): Promise<{ sizeBytes: number; blobOid?: string } | null>;
  /** Where a symlink leads. */
  resolveSymlink(relativePath: string): Promise<SymlinkTarget>;
  /** Exclusion rules that apply to the whole tree besides `.gitignore` files (`.git/info/exclude`), or null. */
  rootExcludes(): Promise<string | null>;
}

/** Walk settings: the parser limits plus a sink for unreadable directories. */
export interface WalkOptions extends Pick<ParserConfig, 'maxAbsoluteFileBytes' | 'extraExcludedDirs'> {
  onError?(message: string): void;
}

interface IgnoreLayer {
  base: string;
  rules: Ignore;
}

interface Frame {
  relative: string;
  entries: WalkDirent[];
  next: number;
  layers: IgnoreLayer[];
  hasManifest: boolean;
}

/**
 * Walks a tree iteratively, pre-order, directories before files, names case-insensitive (the original's order),
 * honouring `.gitignore` files at every level, skipping hidden, vendored and generated directories, and never
 * following a symlink out of the tree or into a directory. The same rules whatever the source, so a commit read
 * from git and its checkout on disk walk identically. Throws only when the root cannot be listed.
 */
export async function* walkTree(source: WalkSource, options: WalkOptions): AsyncGenerator<WalkEntry> {
  const extra = new Set(options.extraExcludedDirs.map((name) => name.toLowerCase()));
  const rootLayers = layersWith([], '.', await source.rootExcludes());
  const root = await openFrame(source, '.', rootLayers, options, true);
  yield { type: 'directory', relativePath: '.', absolutePath: source.absolutePath('.'), sizeBytes: 0, skipReason: null };
  const stack: Frame[] = [root];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const entry = frame.entries[frame.next++];
    if (entry == null) {
      stack.pop();
      continue;
    }
    const relative = frame.relative === '.' ? entry.name : `${frame.relative}/${entry.name}`;
    if (isIgnored(frame.layers, relative, entry.kind === 'directory')) continue;
    if (entry.kind === 'directory') {
      if (await isExcludedDir(source, entry.name, relative, frame.hasManifest, extra)) continue;
      yield {
        type: 'directory',
        relativePath: relative,
        absolutePath: source.absolutePath(relative),
        sizeBytes: 0,
        skipReason: null,
      };
      stack.push(await openFrame(source, relative, frame.layers, options, false));
    } else if (entry.kind === 'file' || entry.kind === 'symlink') {
      yield await fileEntry(source, entry, relative, options);
    }
  }
}

async function openFrame(
  source: WalkSource,
  relative: string,
  parentLayers: IgnoreLayer[],
  options: WalkOptions,
  isRoot: boolean,
): Promise<Frame> {
  let entries: WalkDirent[] = [];
  try {
    entries = await source.readdir(relative);
  } catch (error) {
    if (isRoot) throw error;
    options.onError?.(`cannot list ${relative}: ${(error as Error).message}`);
  }
  entries.sort(compareEntries);
  const names = new Set(entries.map((e) => e.name.toLowerCase()));
  const hasManifest = [...names].some(
    (name) => PROJECT_MANIFESTS.has(name) || /\.(csproj|fsproj|vbproj|sln)$/.test(name),
  );
  const gitignore = entries.some((e) => e.name === '.gitignore' && e.kind === 'file')
    ? await source.readText(relative === '.' ? '.gitignore' : `${relative}/.gitignore`)
    : null;
  return { relative, entries, next: 0, layers: layersWith(parentLayers, relative, gitignore), hasManifest };
}

/** Directories first, then files; case-insensitive names, ties by exact name for determinism. */
function compareEntries(a: WalkDirent, b: WalkDirent): number {
  const dirA = a.kind === 'directory' ? 0 : 1;
  const dirB = b.kind === 'directory' ? 0 : 1;
  if (dirA !== dirB) return dirA - dirB;
  const lowerA = a.name.toLowerCase();
  const lowerB = b.name.toLowerCase();
  if (lowerA !== lowerB) return lowerA < lowerB ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function layersWith(parent: IgnoreLayer[], base: string, text: string | null): IgnoreLayer[] {
  if (text == null) return parent;
  return [...parent, { base, rules: ignore().add(text) }];
}

function isIgnored(layers: IgnoreLayer[], relative: string, isDirectory: boolean): boolean {
  for (const { base, rules } of layers) {
    const local = base === '.' ? relative : relative.slice(base.length + 1);
    if (rules.ignores(isDirectory ? `${local}/` : local)) return true;
  }
  return false;
}

async function isExcludedDir(
  source: WalkSource,
  name: string,
  relative: string,
  parentHasManifest: boolean,
  extra: Set<string>,
): Promise<boolean> {
  const lower = name.toLowerCase();
  if (lower.startsWith('.') || ALWAYS_EXCLUDED_DIRS.has(lower) || isExcludedDirPattern(lower) || extra.has(lower)) {
    return true;
  }
  if (parentHasManifest && CONTEXTUAL_EXCLUDED_DIRS.has(lower)) return true;
  return source.contains(relative, 'pyvenv.cfg');
}

const SYMLINK_SKIPS = {
  broken: 'broken-symlink',
  outside: 'symlink-outside-repository',
  directory: 'symlink-to-directory',
} as const;

async function fileEntry(
  source: WalkSource,
  entry: WalkDirent,
  relative: string,
  options: WalkOptions,
): Promise<WalkEntry> {
  const result: WalkEntry = {
    type: 'file',
    relativePath: relative,
    absolutePath: source.absolutePath(relative),
    sizeBytes: 0,
    skipReason: null,
  };
  const lower = entry.name.toLowerCase();
  if (lower.startsWith('.') || EXCLUDED_FILES.has(lower)) return { ...result, skipReason: 'excluded' };
  let info: { sizeBytes: number; blobOid?: string } | null;
  if (entry.kind === 'symlink') {
    const target = await source.resolveSymlink(relative);
    if (target.kind !== 'file') return { ...result, skipReason: SYMLINK_SKIPS[target.kind] };
    info = target;
  } else {
    info = await source.fileInfo(relative);
  }
  if (info == null) return { ...result, skipReason: 'unreadable' };
  result.sizeBytes = info.sizeBytes;
  if (info.blobOid != null) result.blobOid = info.blobOid;
  if (detectFileType(relative).kind === 'unsupported') return { ...result, skipReason: 'unsupported' };
  if (info.sizeBytes > options.maxAbsoluteFileBytes) return { ...result, skipReason: 'too-large' };
  return result;
}
