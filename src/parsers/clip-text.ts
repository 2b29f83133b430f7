/** Longest signature kept; a one-line minified file would otherwise repeat its whole line per symbol. */
export const MAX_SIGNATURE_LENGTH = 500;
/** Longest docstring kept. */
export const MAX_DOCSTRING_LENGTH = 20_000;
/** Longest reference text kept (receivers, bases, module specifiers, names). */
export const MAX_REFERENCE_LENGTH = 300;

/** `text` cut to at most `max` UTF-16 units plus `…`, never between the halves of a surrogate pair. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}
