import { detectFileType } from './languages/index.js';

/** The language a file's path selects, as parse records name it (`text` for documentation); null when none. */
export function languageOfPath(relativePath: string): string | null {
  const type = detectFileType(relativePath);
  return type.kind === 'code' ? type.spec.name : type.kind === 'text' ? 'text' : null;
}
