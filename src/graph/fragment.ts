import { createHash } from 'node:crypto';
import type { NodeLabel, NodeRow, PropertyValue, RelRow, RelType } from './graph-model.js';

/** A node of a fragment. */
export interface FragmentNode {
  label: NodeLabel;
  row: NodeRow;
}

/** A relationship of a fragment; it starts at one of the fragment's nodes. */
export interface FragmentRel {
  type: RelType;
  row: RelRow;
}

/**
 * The part of a branch's graph one file or directory owns: its nodes (a file: its FileNode, symbols and text
 * chunks; a directory: its FileNode) and every relationship starting at them. A commit changes a branch's graph
 * fragment by fragment, so fragments are what incremental runs compute, compare and write.
 */
export interface Fragment {
  /** The file or directory path; every node of the fragment has it as `relative_path`. */
  owner: string;
  isDirectory: boolean;
  nodes: FragmentNode[];
  rels: FragmentRel[];
}

// Stamped by the writer when it writes an element, so they are not content: an element whose other properties
// did not change keeps the commit (and so the symbol version) it was last written at.
const STAMPS = new Set(['commit_sha', 'symbol_version_id']);

// The JSON of `[[key, value], …]` in key order, stamps left out, written piece by piece: it runs for every
// element of a repository, and building the pairs first cost more than the hashing.
function canonical(props: Record<string, PropertyValue>, keepCommit = false): string {
  let out = '[';
  for (const key of Object.keys(props).sort()) {
    if (STAMPS.has(key) && !(keepCommit && key === 'commit_sha')) continue;
    if (out.length > 1) out += ',';
    out += `[${JSON.stringify(key)},${JSON.stringify(props[key] ?? null)}]`;
  }
  return `${out}]`;
}

/**
 * The content hash of a node: its label and properties, without the writer's stamps. The root directory's commit
 * is content: the root says which commit the branch's graph is at.
 */
export function nodeHash(node: FragmentNode): string {
  const isRoot = node.label === 'FileNode' && node.row.props.relative_path === '.';
  return createHash('sha1').update(`${node.label}\n${canonical(node.row.props, isRoot)}`).digest('hex');
}

/**
 * The content hash of a node without any stamp, the root directory's commit included: what a node says, for
 * comparing a graph at two commits.
 */
export function nodeContentHash(node: FragmentNode): string {
  return createHash('sha1').update(`${node.label}\n${canonical(node.row.props)}`).digest('hex');
}

/** The content hash of a relationship: its type, ends and properties, without the writer's stamps. */
export function relHash(rel: FragmentRel): string {
  return createHash('sha1')
    .update(`${rel.type}\n${rel.row.source}\n${rel.row.target}\n${canonical(rel.row.props)}`)
    .digest('hex');
}

/** The identity of a relationship within a branch: its type and its ends (relationships are MERGEd on it). */
export function relKey(type: string, source: string, target: string): string {
  return `${type}\n${source}\n${target}`;
}
