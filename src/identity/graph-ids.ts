import { createHash } from 'node:crypto';

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

// 128 bits keep node ids short in Neo4j's index while collisions stay out of reach for any repository size. Only
// those 16 bytes are turned into hex: a slice of the full hex string would keep all 64 characters alive behind
// every id (about 150 MB over the two million symbols of a kernel-sized repository).
function shortId(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest().toString('hex', 0, 16);
}

// Node ids name an element within one branch's graph (the key is repo_id, branch, node_id): they depend only on
// where the element is in the tree, never on the repository, the branch, the commit or the run, so the same
// content has the same ids in every branch and in every rebuild (the original numbered nodes in walk order, which
// changed whenever anything earlier in the walk did).

/** The node id of a file or directory FileNode (root is `.`). */
export function fileNodeId(relativePath: string): string {
  return shortId(`file\n${relativePath}`);
}

/**
 * The node id of a symbol: path, kind and qualified name, plus `occurrence` (0-based index among the file's
 * symbols with the same kind and qualified name), so true duplicates such as overloads stay distinct.
 */
export function symbolNodeId(relativePath: string, kind: string, qualifiedName: string, occurrence: number): string {
  const suffix = occurrence === 0 ? '' : `\n#${occurrence}`;
  return shortId(`symbol\n${relativePath}\n${kind}\n${qualifiedName}${suffix}`);
}

/** The node id of a text chunk: its file's path and the chunk index. */
export function textNodeId(relativePath: string, chunkIndex: number): string {
  return shortId(`text\n${relativePath}\n${chunkIndex}`);
}

/** `symbol_version_id` exactly as the original computes it: commit, path, kind, qualified name and lines. */
export function symbolVersionId(
  commitSha: string | null,
  relativePath: string,
  kind: string,
  qualifiedName: string,
  startLine: number,
  endLine: number,
): string {
  return sha256(`${commitSha ?? ''}::${relativePath}::${kind}::${qualifiedName}::${startLine}:${endLine}`);
}

/**
 * `stable_symbol_id`: the original hashed only repo, kind and fingerprint, so structurally identical symbols
 * collided. Path and qualified name are added; the fingerprint stays so the id still changes with the shape.
 */
export function stableSymbolId(
  repoId: string,
  relativePath: string,
  kind: string,
  qualifiedName: string,
  fingerprint: string,
): string {
  return sha256(`${repoId}::${relativePath}::${kind}::${qualifiedName}::${fingerprint}`);
}
