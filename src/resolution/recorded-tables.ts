import { dependencyKey } from './dependency-keys.js';
import type { DependencyRecorder } from './dependency-recorder.js';
import type { IndexedFile } from './indexed-file.js';

/** Directories of the index; looking one up is a dependency on it. */
export class DirectorySet extends Set<string> {
  constructor(readonly recorder: DependencyRecorder) {
    super();
  }
  override has(dir: string): boolean {
    this.recorder.record(dependencyKey('dir', dir));
    return super.has(dir);
  }
}

/**
 * The files of the index by path. Reading one is a dependency on what the file exports; a file known to exist
 * but not loaded (an incremental run loads files on demand) reads as absent and is reported as a miss.
 */
export class FileTable extends Map<string, IndexedFile> {
  readonly known = new Map<string, string | null>();
  // Keys are built once per path: a lookup that reads a file thousands of times adds one string to a set.
  private readonly fileKeys = new Map<string, string>();

  constructor(readonly recorder: DependencyRecorder) {
    super();
  }
  override get(path: string): IndexedFile | undefined {
    this.recorder.record(this.fileKey(path));
    const file = super.get(path);
    if (file == null && this.known.has(path)) this.recorder.misses.add(path);
    return file;
  }
  override has(path: string): boolean {
    this.recorder.record(dependencyKey('exists', path));
    return this.known.has(path);
  }
  override keys(): MapIterator<string> {
    return this.known.keys();
  }
  /** The `s:` key of `path`. */
  fileKey(path: string): string {
    let key = this.fileKeys.get(path);
    if (key == null) {
      key = dependencyKey('file', path);
      this.fileKeys.set(path, key);
    }
    return key;
  }
}
