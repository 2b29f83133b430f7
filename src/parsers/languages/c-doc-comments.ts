import type { Node } from 'web-tree-sitter';

/**
 * Which comments count as documentation for `docCommentBefore`, shared by the C-family, Go, Rust, Ruby, PHP
 * and JVM/Swift language modules.
 */
export interface DocCommentStyle {
  /** Line-comment markers that make a doc line, longest first (`///` before `//`); consecutive lines join. */
  linePrefixes: readonly string[];
  /** Block-comment openers that make a doc block (`/**`); an empty list accepts no block comment. */
  blockOpeners: readonly string[];
  /** Node types of comments in the grammar (default `comment`; Rust has `line_comment` and `block_comment`). */
  commentTypes?: readonly string[];
  /** Parent types to climb first while the definition is their first named child (Go `type_declaration`). */
  wrappers?: readonly string[];
  /** Parent types always climbed first (C `type_definition` around a typedef name, C++ `template_declaration`). */
  enclosing?: readonly string[];
  /** Sibling types that keep a trailing comment inside them (Kotlin's `import_list`): their last comment is read. */
  absorbing?: readonly string[];
  /** Sibling types allowed between the comment and the definition (Rust `attribute_item`). */
  skip?: readonly string[];
}

const MAX_COMMENT_LINES = 200;

/**
 * The documentation comment that ends on the line right before `definition` (after climbing `wrappers` and
 * skipping `skip` siblings), with comment markers and leading `*` stripped; null when there is none.
 */
export function docCommentBefore(definition: Node, style: DocCommentStyle): string | null {
  const commentTypes = style.commentTypes ?? ['comment'];
  let target = definition;
  for (let up = target.parent; up != null && style.enclosing?.includes(up.type) === true; up = up.parent) target = up;
  while (
    target.parent != null &&
    style.wrappers?.includes(target.parent.type) === true &&
    target.parent.firstNamedChild?.id === target.id
  ) {
    target = target.parent;
  }
  let previous = target.previousNamedSibling;
  let nextRow = target.startPosition.row;
  while (previous != null && style.skip?.includes(previous.type) === true) {
    nextRow = previous.startPosition.row;
    previous = previous.previousNamedSibling;
  }
  if (previous != null && style.absorbing?.includes(previous.type) === true) {
    previous = trailingComment(previous, commentTypes);
  }
  const parts: string[] = [];
  for (let taken = 0; previous != null && taken < MAX_COMMENT_LINES; taken++) {
    if (!commentTypes.includes(previous.type) || previous.endPosition.row < nextRow - 1) break;
    if (endsTrailingCode(previous)) break;
    const text = previous.text.trim();
    const block = style.blockOpeners.find((opener) => text.startsWith(opener) && text.length > opener.length + 1);
    if (block != null) {
      if (parts.length === 0) parts.push(stripBlock(text, block));
      break;
    }
    const prefix = style.linePrefixes.find((marker) => text.startsWith(marker));
    if (prefix == null) break;
    parts.unshift(text.slice(prefix.length).replace(/^ /, '').trimEnd());
    nextRow = previous.startPosition.row;
    previous = previous.previousNamedSibling;
  }
  const doc = parts.join('\n').trim();
  return doc === '' ? null : doc;
}

const MAX_ABSORBING_DEPTH = 8;

/** The comment ending `node` as its last descendant, if any. */
function trailingComment(node: Node, commentTypes: readonly string[]): Node | null {
  let current: Node | null = node;
  for (let depth = 0; current != null && depth < MAX_ABSORBING_DEPTH; depth++) {
    current = current.lastNamedChild;
    if (current != null && commentTypes.includes(current.type)) return current;
  }
  return null;
}

/** A comment that starts on the same line as the code before it (`x := 1 // note`) documents that code. */
function endsTrailingCode(comment: Node): boolean {
  let before = comment.previousSibling;
  // Go ends statements with newline tokens; they are not code.
  while (before != null && before.text.trim() === '') before = before.previousSibling;
  return before != null && before.endPosition.row === comment.startPosition.row && !before.type.includes('comment');
}

function stripBlock(text: string, opener: string): string {
  return text
    .slice(opener.length, text.endsWith('*/') ? -2 : undefined)
    .split('\n')
    .map((line) => line.replace(/^\s*\*?\s?/, '').trimEnd())
    .join('\n')
    .trim();
}
