import type { LanguageSpec } from '../language-spec.js';
import { cLanguage } from './c.js';
import { cppLanguage } from './cpp.js';
import { csharpLanguage } from './csharp.js';
import { goLanguage } from './go.js';
import { javaLanguage } from './java.js';
import { javascriptLanguage } from './javascript.js';
import { kotlinLanguage } from './kotlin.js';
import { phpLanguage } from './php.js';
import { pythonLanguage } from './python.js';
import { rubyLanguage } from './ruby.js';
import { rustLanguage } from './rust.js';
import { scalaLanguage } from './scala.js';
import { swiftLanguage } from './swift.js';
import { tsxLanguage, typescriptLanguage } from './typescript.js';

/** Every language with symbols. Add a language module here (one line); see README.md in this folder. */
export const LANGUAGES: readonly LanguageSpec[] = [
  pythonLanguage,
  javascriptLanguage,
  typescriptLanguage,
  tsxLanguage,
  goLanguage,
  javaLanguage,
  rustLanguage,
  cLanguage,
  cppLanguage,
  csharpLanguage,
  rubyLanguage,
  phpLanguage,
  kotlinLanguage,
  swiftLanguage,
  scalaLanguage,
];

/** Documentation/text files that are chunked instead of parsed (the original's plus common formats). */
export const TEXT_EXTENSIONS: readonly string[] = ['.md', '.markdown', '.txt', '.rst', '.adoc', '.asciidoc', '.text'];

/** Extension-less text files worth indexing. */
export const TEXT_FILE_NAMES: readonly string[] = ['readme', 'license', 'licence', 'changelog', 'authors', 'notice'];

const byExtension = new Map<string, LanguageSpec>();
const byFileName = new Map<string, LanguageSpec>();
for (const spec of LANGUAGES) {
  for (const extension of spec.extensions) byExtension.set(extension, spec);
  for (const name of spec.fileNames ?? []) byFileName.set(name, spec);
}

/** How a file is handled, decided from its name only (case-insensitive: `README.MD` is Markdown). */
export type FileType = { kind: 'code'; spec: LanguageSpec } | { kind: 'text' } | { kind: 'unsupported' };

/** Detects the file type of a path from its base name and extension. */
export function detectFileType(relativePath: string): FileType {
  const base = relativePath.slice(relativePath.lastIndexOf('/') + 1).toLowerCase();
  const named = byFileName.get(base);
  if (named != null) return { kind: 'code', spec: named };
  const dot = base.lastIndexOf('.');
  const extension = dot > 0 ? base.slice(dot) : '';
  const spec = byExtension.get(extension);
  if (spec != null) return { kind: 'code', spec };
  if (TEXT_EXTENSIONS.includes(extension) || TEXT_FILE_NAMES.includes(base)) return { kind: 'text' };
  return { kind: 'unsupported' };
}
