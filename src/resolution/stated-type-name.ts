const DOTTED = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;
// Wrappers whose value is the wrapped type for a method call: awaited promises, optionals.
const UNWRAP = /^(Promise|PromiseLike|Awaited|Optional|typing\.Optional|Final|ClassVar|Readonly)[<[](.*)[>\]]$/s;
const NULLISH = new Set(['null', 'undefined', 'None', 'void']);

/**
 * The class a type annotation or constructor expression names, as a plain (dotted) name for type lookup: quotes of
 * forward references, `Promise<…>`/`Optional[…]` wrappers, `| null`/`| None` members and type arguments are
 * dropped. Null when the annotation does not name one class (arrays, other unions, function types, literals).
 */
export function statedTypeName(text: string): string | null {
  let name = text
    .trim()
    .replace(/^(['"])(.*)\1$/s, '$2')
    .trim();
  for (let guard = 0; guard < 4; guard++) {
    const wrapped = UNWRAP.exec(name);
    if (wrapped?.[2] == null) break;
    name = wrapped[2].trim();
  }
  if (name.includes('|')) {
    const members = name
      .split('|')
      .map((m) => m.trim())
      .filter((m) => !NULLISH.has(m));
    if (members.length !== 1 || members[0] == null) return null;
    name = members[0];
  }
  // `Foo[]` is an array of Foo, not a Foo; `Foo[T]` (a Python generic) is a Foo.
  if (/\[\s*\]$/.test(name)) return null;
  name = name.replace(/<.*$/s, '').replace(/\[.*$/s, '').trim();
  return DOTTED.test(name) ? name : null;
}

/**
 * A receiver expression reduced to a dotted name (`this.x!` and `a?.b` become `this.x` and `a.b`), or null when
 * it is anything else (a call, an index, a literal).
 */
export function plainReceiver(receiver: string): string | null {
  const plain = receiver.replace(/!/g, '').replace(/\?\./g, '.').replace(/\s+/g, '');
  return DOTTED.test(plain) ? plain : null;
}

/** A receiver that is a call (`make(x)`, `new Foo()`, `a.b()`) possibly followed by attributes (`make().c.d`). */
export interface CallReceiver {
  /** The callee as written, dotted (`a.b` in `a.b()`). */
  callee: string;
  /** True for `new Foo(…)`. */
  isNew: boolean;
  /** Attribute names read from the call's result, in order. */
  attributes: string[];
}

/** Splits a receiver of the form `callee(…)` or `new Callee(…)`, optionally followed by `.attr` reads; else null. */
export function callReceiver(receiver: string): CallReceiver | null {
  const text = receiver.trim();
  const isNew = text.startsWith('new ');
  const body = isNew ? text.slice(4).trimStart() : text;
  const open = body.indexOf('(');
  if (open <= 0) return null;
  const callee = body.slice(0, open).replace(/\s+/g, '').replace(/\?\.$/, '');
  if (!DOTTED.test(callee)) return null;
  let depth = 0;
  let close = -1;
  for (let i = open; i < body.length; i++) {
    const c = body[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) {
      close = i;
      break;
    }
  }
  if (close < 0) return null;
  const rest = plainReceiver(`x${body.slice(close + 1)}`);
  if (rest == null) return null;
  return { callee, isNew, attributes: rest.split('.').slice(1) };
}
