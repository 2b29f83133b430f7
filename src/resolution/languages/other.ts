import type { FileBindings } from '../file-bindings.js';
import type { LanguageRules } from '../language-rules.js';

/**
 * Languages whose imports are not resolved yet (C, C++, C#, Rust, Ruby, PHP, Swift, and files of no language):
 * calls resolve within the file and through the receivers these languages share, and a method calls its
 * siblings without a receiver.
 */
export const otherRules = {
  family: 'other',
  languages: ['c', 'cpp', 'csharp', 'rust', 'ruby', 'php', 'swift'],
  selfReceivers: ['this', 'self', 'Self'],
  ownClassCallee: null,
  superConstructorCallee: null,
  bareMethodCalls: true,
  ownerQualifiedMembers: false,
  callableKinds: null,
  objectLiterals: false,
  classBodyIsScope: true,
  packageExtensions: null,
  methodsAcrossPackage: false,
  bindImport: (_ref, _file, _index, _layout, out: FileBindings) => {
    out.unresolved++;
  },
  manifests: [],
} satisfies LanguageRules;
