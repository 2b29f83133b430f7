import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
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

/** One directory or file the walk reports, in deterministic order (parity §4.1). */
export interface WalkEntry {
  type: 'directory' | 'file';
  /** POSIX path relative to the root; the root itself is `.`. */
  relativePath: string;
  absolutePath: string;
  sizeBytes: number;
  /**
   * Why the file will not be parsed, decided without reading it: `unsupported`, `too-large`, `excluded`,
   * `symlink-outside-repository`, `symlink-to-directory`, `broken-symlink`; null when it should be parsed.
   */
  skipReason: string | null;
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
  entries: Dirent[];
  next: number;
  layers: IgnoreLayer[];
  hasManifest: boolean;
}

/**
 * Walks a repository iteratively, pre-order, directories before files, names case-insensitive (parity §4.1),
 * honouring `.gitignore` files at every level, skipping hidden, vendored and generated directories (C39) and
 * never following a symlink out of the repository or into a directory (C38). Throws only when `root` itself
 * is not a readable directory.
 */
export async function* walkRepository(root: string, options: WalkOptions): AsyncGenerator<WalkEntry> {
  const absoluteRoot = path.resolve(root);
  const stat = await fs.stat(absoluteRoot);
  if (!stat.isDirectory()) throw new Error(`${absoluteRoot} is not a directory`);
  const realRoot = await fs.realpath(absoluteRoot);
  const extra = new Set(options.extraExcludedDirs.map((name) => name.toLowerCase()));
  const rootLayers = await readIgnoreLayers('.', path.join(absoluteRoot, '.git', 'info', 'exclude'), []);
  yield { type: 'directory', relativePath: '.', absolutePath: absoluteRoot, sizeBytes: 0, skipReason: null };
  const stack: Frame[] = [await openFrame(absoluteRoot, '.', rootLayers, options)];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const entry = frame.entries[frame.next++];
    if (entry == null) {
      stack.pop();
      continue;
    }
    const relative = frame.relative === '.' ? entry.name : `${frame.relative}/${entry.name}`;
    const absolute = path.join(absoluteRoot, relative);
    if (isIgnored(frame.layers, relative, entry.isDirectory())) continue;
    if (entry.isDirectory()) {
      if (await isExcludedDir(entry.name, absolute, frame.hasManifest, extra)) continue;
      yield { type: 'directory', relativePath: relative, absolutePath: absolute, sizeBytes: 0, skipReason: null };
      stack.push(await openFrame(absolute, relative, frame.layers, options));
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      yield await fileEntry(entry, relative, absolute, realRoot, options);
    }
  }
}

async function openFrame(
  absolute: string,
  relative: string,
  parentLayers: IgnoreLayer[],
  options: WalkOptions,
): Promise<Frame> {
  let entries: Dirent[] = [];
  try {
    entries = await fs.readdir(absolute, { withFileTypes: true });
  } catch (error) {
    options.onError?.(`cannot list ${relative}: ${(error as Error).message}`);
  }
  entries.sort(compareEntries);
  const names = new Set(entries.map((e) => e.name.toLowerCase()));
  const hasManifest = [...names].some(
    (name) => PROJECT_MANIFESTS.has(name) || /\.(csproj|fsproj|vbproj|sln)$/.test(name),
  );
  const layers = names.has('.gitignore')
    ? await readIgnoreLayers(relative, path.join(absolute, '.gitignore'), parentLayers)
    : parentLayers;
  return { relative, entries, next: 0, layers, hasManifest };
}

/** Directories first, then files; case-insensitive names, ties by exact name for determinism. */
function compareEntries(a: Dirent, b: Dirent): number {
  const dirA = a.isDirectory() ? 0 : 1;
  const dirB = b.isDirectory() ? 0 : 1;
  if (dirA !== dirB) return dirA - dirB;
  const lowerA = a.name.toLowerCase();
  const lowerB = b.name.toLowerCase();
  if (lowerA !== lowerB) return lowerA < lowerB ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

async function readIgnoreLayers(base: string, file: string, parent: IgnoreLayer[]): Promise<IgnoreLayer[]> {
  try {
    const rules = ignore().add(await fs.readFile(file, 'utf8'));
    return [...parent, { base, rules }];
  } catch {
    return parent;
  }
}

function isIgnored(layers: IgnoreLayer[], relative: string, isDirectory: boolean): boolean {
  for (const { base, rules } of layers) {
    const local = base === '.' ? relative : relative.slice(base.length + 1);
    if (rules.ignores(isDirectory ? `${local}/` : local)) return true;
  }
  return false;
}

async function isExcludedDir(
  name: string,
  absolute: string,
  parentHasManifest: boolean,
  extra: Set<string>,
): Promise<boolean> {
  const lower = name.toLowerCase();
  if (lower.startsWith('.') || ALWAYS_EXCLUDED_DIRS.has(lower) || isExcludedDirPattern(lower) || extra.has(lower)) {
    return true;
  }
  if (parentHasManifest && CONTEXTUAL_EXCLUDED_DIRS.has(lower)) return true;
  return fs.access(path.join(absolute, 'pyvenv.cfg')).then(
    () => true,
    () => false,
  );
}

async function fileEntry(
  entry: Dirent,
  relative: string,
  absolute: string,
  realRoot: string,
  options: WalkOptions,
): Promise<WalkEntry> {
  const result: WalkEntry = {
    type: 'file',
    relativePath: relative,
    absolutePath: absolute,
    sizeBytes: 0,
    skipReason: null,
  };
  const lower = entry.name.toLowerCase();
  if (lower.startsWith('.') || EXCLUDED_FILES.has(lower)) return { ...result, skipReason: 'excluded' };
  if (entry.isSymbolicLink()) {
    const target = await fs.realpath(absolute).catch(() => null);
    if (target == null) return { ...result, skipReason: 'broken-symlink' };
    if (target !== realRoot && !target.startsWith(realRoot + path.sep)) {
      return { ...result, skipReason: 'symlink-outside-repository' };
    }
    const targetStat = await fs.stat(target).catch(() => null);
    if (targetStat == null || !targetStat.isFile()) return { ...result, skipReason: 'symlink-to-directory' };
  }
  const stat = await fs.stat(absolute).catch(() => null);
  if (stat == null) return { ...result, skipReason: 'unreadable' };
  result.sizeBytes = stat.size;
  if (detectFileType(relative).kind === 'unsupported') return { ...result, skipReason: 'unsupported' };
  if (stat.size > options.maxAbsoluteFileBytes) return { ...result, skipReason: 'too-large' };
  return result;
}
