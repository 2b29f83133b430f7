import type { LanguageRules } from '../language-rules.js';
import { goRules } from './go.js';
import { javascriptRules } from './javascript.js';
import { jvmRules } from './jvm.js';
import { otherRules } from './other.js';
import { pythonRules } from './python.js';

/** The resolution rules of every language family (one module each in this folder). */
export const LANGUAGE_RULES: readonly LanguageRules[] = [pythonRules, javascriptRules, goRules, jvmRules, otherRules];

const byLanguage = new Map<string, LanguageRules>();
for (const rules of LANGUAGE_RULES) for (const language of rules.languages) byLanguage.set(language, rules);

/** The rules for a tree-sitter language name; a language no family names gets the rules of `other`. */
export function rulesFor(language: string | null): LanguageRules {
  return (language == null ? undefined : byLanguage.get(language)) ?? otherRules;
}
