const READ_CHUNK = 4096;

/**
 * A parse input callback handing tree-sitter at most 4096 UTF-16 units at a time. Passing the string itself
 * makes web-tree-sitter 0.25 copy the whole remaining text on every read (slow on long one-line files), and its
 * transfer buffer holds only 10 KB anyway. A chunk never ends between the two halves of a surrogate pair.
 */
export function readInChunks(source: string): (index: number) => string {
  return (index) => {
    let end = Math.min(source.length, index + READ_CHUNK);
    const last = source.charCodeAt(end - 1);
    if (end < source.length && last >= 0xd800 && last <= 0xdbff) end--;
    return source.slice(index, end);
  };
}
