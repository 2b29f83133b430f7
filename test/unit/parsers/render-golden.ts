import type { ParsedFile } from '../../../src/parsers/parsed-file.js';

const show = (value: string | null): string => (value == null ? '-' : JSON.stringify(value));

/**
 * Renders a ParsedFile as the reviewable text of a `.golden` file: one line per symbol (index, kind, qualified
 * name, span, parent, signature, docstring, fingerprint prefix), then every reference and the problems.
 */
export function renderGolden(file: ParsedFile): string {
  const out: string[] = [`# ${file.relativePath} (${file.language ?? '-'}, ${file.kind})`, '', '## symbols'];
  for (const [i, s] of file.symbols.entries()) {
    const parent = s.parent == null ? '-' : `#${s.parent}`;
    out.push(
      `#${i} ${s.kind} ${s.qualifiedName} (name ${show(s.name)}) L${s.startLine}:${s.startColumn}-L${s.endLine}:${s.endColumn} parent ${parent}`,
      `    signature ${show(s.signature)}`,
      `    docstring ${show(s.docstring)}`,
      `    fingerprint ${s.fingerprint.slice(0, 12)}`,
    );
  }
  out.push('', '## imports');
  for (const r of file.imports) {
    const names = r.names.map((n) => (n.alias == null ? n.name : `${n.name} as ${n.alias}`)).join(', ');
    out.push(
      `L${r.line} ${show(r.module)} names [${names}] moduleAlias ${r.moduleAlias ?? '-'} default ${r.defaultImport ?? '-'}` +
        `${r.isRelative ? ' relative' : ''}${r.isWildcard ? ' wildcard' : ''}`,
    );
  }
  out.push('', '## calls');
  for (const c of file.calls) {
    const caller = c.caller == null ? 'module' : (file.symbols[c.caller]?.qualifiedName ?? '?');
    out.push(
      `L${c.line} ${c.receiver == null ? '' : `${c.receiver} . `}${c.callee}${c.isConstructor ? ' (new)' : ''} from ${caller}`,
    );
  }
  out.push('', '## inheritance');
  for (const h of file.inheritance) {
    out.push(`L${h.line} #${h.symbol} ${file.symbols[h.symbol]?.qualifiedName ?? '?'} ${h.relation} ${h.base}`);
  }
  out.push('', '## local types');
  for (const t of file.localTypes) {
    const scope = t.scope == null ? '' : ` in ${file.symbols[t.scope]?.qualifiedName ?? '?'}`;
    out.push(`L${t.line} ${t.variable}: ${t.typeName}${t.via == null ? '' : ` (${t.via})`}${scope}`);
  }
  out.push('', '## attribute types');
  for (const a of file.attributeTypes ?? []) {
    const owner = file.symbols[a.symbol]?.qualifiedName ?? '?';
    out.push(`L${a.line} ${owner}.${a.attribute}: ${a.typeName}${a.via == null ? '' : ` (${a.via})`}`);
  }
  out.push('', '## return types');
  for (const r of file.returnTypes ?? []) out.push(`${file.symbols[r.symbol]?.qualifiedName ?? '?'}: ${r.typeName}`);
  out.push('', '## text chunks');
  for (const c of file.chunks)
    out.push(`#${c.index} L${c.startLine}-L${c.endLine} ${c.text.length} chars ${show(c.text.slice(0, 40))}`);
  const p = file.problems;
  out.push(
    '',
    '## problems',
    `syntaxErrors ${p.syntaxErrors} skipReason ${p.skipReason ?? '-'} error ${show(p.error)} timedOut ${p.timedOut} ` +
      `truncatedSymbols ${p.truncatedSymbols}${p.invalidUtf8 === true ? ' invalidUtf8' : ''}`,
  );
  return `${out.join('\n')}\n`;
}

/** The first differing lines of two renderings, as a small unified-style diff. */
export function diffLines(expected: string, actual: string, context = 2): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  let first = 0;
  while (first < a.length && first < b.length && a[first] === b[first]) first++;
  let endA = a.length - 1;
  let endB = b.length - 1;
  while (endA >= first && endB >= first && a[endA] === b[endB]) {
    endA--;
    endB--;
  }
  const from = Math.max(0, first - context);
  const lines = [`@@ line ${first + 1} @@`];
  for (let i = from; i < first; i++) lines.push(`  ${a[i]}`);
  for (let i = first; i <= endA; i++) lines.push(`- ${a[i]}`);
  for (let i = first; i <= endB; i++) lines.push(`+ ${b[i]}`);
  for (let i = endA + 1; i <= Math.min(a.length - 1, endA + context); i++) lines.push(`  ${a[i]}`);
  return lines.slice(0, 80).join('\n');
}
