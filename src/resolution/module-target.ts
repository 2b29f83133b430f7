import type { Resolution } from './resolution.js';

/**
 * Where an import points inside the repository: `nodePath` is the FileNode the `IMPORTS` relationship targets (a
 * file, or a directory for Go and JVM packages) and `files` are the files whose top-level symbols it exports.
 */
export interface ModuleTarget {
  nodePath: string;
  files: readonly string[];
  resolution: Resolution;
}

/** A module target made of a single file. */
export function fileTarget(path: string, resolution: Resolution): ModuleTarget {
  return { nodePath: path, files: [path], resolution };
}
