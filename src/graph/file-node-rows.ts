import type { ParsedFile } from '../parsers/parsed-file.js';
import { fileNodeId, stableSymbolId, symbolVersionId, textNodeId } from '../identity/graph-ids.js';
import type { NodeRow, PropertyValue, RelRow } from './graph-model.js';

/** Run-wide values every node carries. */
export interface RowContext {
  repoId: string;
  branch: string;
  commitSha: string | null;
  githubRepoId: number | null;
}

/** The FileNode row of a file or directory (`file` null), with the original's properties plus additions. */
export function fileNodeRow(ctx: RowContext, relativePath: string, basename: string, file: ParsedFile | null): NodeRow {
  const props: Record<string, PropertyValue> = {
    node_type: 'file',
    basename,
    relative_path: relativePath,
    commit_sha: ctx.commitSha,
    github_repo_id: ctx.githubRepoId,
    is_directory: file == null,
    language: file?.language ?? null,
    content_hash: file?.contentHash ?? null,
  };
  return { node_id: fileNodeId(relativePath), props };
}

/** SymbolNode rows of a file plus its HAS_SYMBOL and CONTAINS_SYMBOL relationships. */
export function symbolRows(
  ctx: RowContext,
  file: ParsedFile,
  ids: readonly string[],
): { nodes: NodeRow[]; hasSymbol: RelRow[]; contains: RelRow[] } {
  const fileId = fileNodeId(file.relativePath);
  const nodes: NodeRow[] = [];
  const hasSymbol: RelRow[] = [];
  const contains: RelRow[] = [];
  file.symbols.forEach((s, i) => {
    const id = ids[i] ?? '';
    nodes.push({
      node_id: id,
      props: {
        node_type: 'symbol',
        commit_sha: ctx.commitSha,
        github_repo_id: ctx.githubRepoId,
        symbol_version_id: symbolVersionId(
          ctx.commitSha,
          file.relativePath,
          s.kind,
          s.qualifiedName || s.name,
          s.startLine,
          s.endLine,
        ),
        stable_symbol_id: stableSymbolId(ctx.repoId, file.relativePath, s.kind, s.qualifiedName, s.fingerprint),
        kind: s.kind,
        name: s.name,
        qualified_name: s.qualifiedName,
        language: file.language,
        relative_path: file.relativePath,
        start_line: s.startLine,
        end_line: s.endLine,
        signature: s.signature,
        docstring: s.docstring,
        fingerprint: s.fingerprint,
      },
    });
    hasSymbol.push({ source: fileId, target: id, props: {} });
    const parentId = s.parent == null ? undefined : ids[s.parent];
    if (parentId != null) contains.push({ source: parentId, target: id, props: {} });
  });
  return { nodes, hasSymbol, contains };
}

/** TextNode rows of a text file plus HAS_TEXT and NEXT_CHUNK; TextNodes carry `relative_path`, so documents can be found by path. */
export function textRows(ctx: RowContext, file: ParsedFile): { nodes: NodeRow[]; hasText: RelRow[]; next: RelRow[] } {
  const fileId = fileNodeId(file.relativePath);
  const nodes: NodeRow[] = [];
  const hasText: RelRow[] = [];
  const next: RelRow[] = [];
  let previous: string | null = null;
  for (const chunk of file.chunks) {
    const id = textNodeId(file.relativePath, chunk.index);
    nodes.push({
      node_id: id,
      props: {
        node_type: 'text',
        commit_sha: ctx.commitSha,
        github_repo_id: ctx.githubRepoId,
        text: chunk.text,
        start_line: chunk.startLine,
        end_line: chunk.endLine,
        relative_path: file.relativePath,
        chunk_index: chunk.index,
      },
    });
    hasText.push({ source: fileId, target: id, props: {} });
    if (previous != null) next.push({ source: previous, target: id, props: {} });
    previous = id;
  }
  return { nodes, hasText, next };
}
