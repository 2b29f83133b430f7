import path from 'node:path';

// Repository-relative paths are the walk's: POSIX, from the repository root, `.` for the root itself.

/** The POSIX parent directory of a repository-relative path (`.` for top-level entries). */
export function parentDir(relativePath: string): string {
  const slash = relativePath.lastIndexOf('/');
  return slash < 0 ? '.' : relativePath.slice(0, slash);
}

/** Joins repository-relative path parts and normalises `.`/`..`; null when the result leaves the repository. */
export function joinRepoPath(...parts: string[]): string | null {
  const normal = path.posix.normalize(parts.filter((p) => p !== '' && p !== '.').join('/') || '.');
  if (normal === '..' || normal.startsWith('../') || normal.startsWith('/')) return null;
  return normal.replace(/\/$/, '') || '.';
}
