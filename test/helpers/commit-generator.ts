import path from 'node:path';
import { seededRandom } from './seeded-random.js';

type Lang = 'py' | 'ts' | 'go';

/** Where a call or base points: a module of the model (followed when it moves) or a path frozen in the text. */
type Target = { id: string } | { path: string; goImport?: string };

interface Call {
  to: Target;
  name: string;
  /** TypeScript only: through the tsconfig `@lib/*` alias or the workspace package's name, not a relative path. */
  via?: 'alias' | 'package';
}

interface Fn {
  name: string;
  calls: Call[];
}

interface Cls {
  name: string;
  base: Call | null;
  /** TypeScript only: an interface the class implements. */
  implements: Call | null;
}

interface Mod {
  id: string;
  lang: Lang;
  dir: string;
  file: string;
  fns: Fn[];
  classes: Cls[];
  interfaces: string[];
  broken: boolean;
}

const EXT: Record<Lang, string> = { py: 'py', ts: 'ts', go: 'go' };
const DIRS: Record<Lang, string[]> = {
  py: ['pkg/core', 'pkg/util', 'pkg/util/deep', 'pkg/api'],
  ts: ['src/lib', 'src/core', 'src/app', 'src/app/views'],
  go: ['internal/store', 'internal/calc', 'cmd/tool'],
};
const MOVED_DIRS: Record<Lang, string[]> = { py: ['pkg/extra'], ts: ['src/extra'], go: ['internal/extra'] };
// Few names, so that the same name is defined in several files and a changed import re-targets a call.
const NAMES = ['Alpha', 'Beta', 'Gamma', 'Delta', 'Sigma', 'Omega', 'Kappa'];
const CLASS_NAMES = ['Store', 'Engine', 'Widget', 'Handler'];

/** The kinds of change the generator makes; the first commits make each at least once. */
export const OPERATIONS = [
  'add_file',
  'add_function',
  'remove_function',
  'change_calls',
  'delete_file',
  'rename_file',
  'move_file_across_dirs',
  'move_function',
  'retarget_import',
  'break_syntax',
  'move_directory',
  'tsconfig_paths',
  'go_mod_module',
  'package_name',
  'python_package_root',
  'docs',
] as const;
export type Operation = (typeof OPERATIONS)[number];

/**
 * A model of a polyglot repository (Python, TypeScript, Go, Markdown, manifests) that mutates itself one commit
 * at a time in ways that stress incremental resolution, and renders itself to files.
 */
export class RepoModel {
  readonly #random: () => number;
  #mods: Mod[] = [];
  #nextId = 0;
  #tsAliasDir = 'src/lib';
  #goModule = 'example.com/fx';
  #packageName = '@fx/shared';
  #pythonRootInit = true;
  #docs = new Map<string, string>([['README.md', '# Fixture\n\nGenerated repository.\n']]);
  #revision = 0;

  constructor(seed: number) {
    this.#random = seededRandom(seed);
    for (const lang of ['py', 'ts', 'go'] as const) {
      for (const dir of DIRS[lang]) this.#addModule(lang, dir);
      for (const dir of DIRS[lang]) this.#addModule(lang, dir);
    }
    this.#mods.push({
      id: 'shared',
      lang: 'ts',
      dir: 'packages/shared',
      file: 'index',
      fns: [{ name: 'Alpha', calls: [] }, { name: 'Shared', calls: [] }],
      classes: [],
      interfaces: ['Runnable'],
      broken: false,
    });
    for (const mod of this.#mods) for (const fn of mod.fns) fn.calls = this.#someCalls(mod);
  }

  #pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('nothing to pick from');
    return items[Math.floor(this.#random() * items.length)]!;
  }

  #chance(p: number): boolean {
    return this.#random() < p;
  }

  #modsOf(lang?: Lang): Mod[] {
    return this.#mods.filter((m) => (lang == null || m.lang === lang) && m.id !== 'shared');
  }

  #byId(id: string): Mod | undefined {
    return this.#mods.find((m) => m.id === id);
  }

  #pathOf(mod: Mod): string {
    return `${mod.dir}/${mod.file}`;
  }

  #freshFile(lang: Lang, dir: string): string {
    for (;;) {
      const file = `m${this.#nextId++}`;
      if (!this.#mods.some((m) => m.dir === dir && m.file === file)) return lang === 'go' ? `${file}_${lang}` : file;
    }
  }

  #addModule(lang: Lang, dir: string): Mod {
    const mod: Mod = {
      id: `mod${this.#nextId++}`,
      lang,
      dir,
      file: this.#freshFile(lang, dir),
      fns: [],
      classes: [],
      interfaces: [],
      broken: false,
    };
    const count = 1 + Math.floor(this.#random() * 3);
    for (let i = 0; i < count; i++) {
      const name = this.#pick(NAMES);
      if (!mod.fns.some((f) => f.name === name)) mod.fns.push({ name, calls: [] });
    }
    if (this.#chance(0.5)) mod.classes.push({ name: this.#pick(CLASS_NAMES), base: null, implements: null });
    if (lang === 'ts' && this.#chance(0.3)) mod.interfaces.push('Runnable');
    this.#mods.push(mod);
    return mod;
  }

  /** A call to some function of a module of the same language (its own included). */
  #someCall(from: Mod): Call | null {
    const candidates = this.#mods.filter((m) => m.lang === from.lang && m.fns.length > 0);
    if (candidates.length === 0) return null;
    const target = this.#pick(candidates);
    const call: Call = { to: { id: target.id }, name: this.#pick(target.fns).name };
    if (from.lang === 'ts') {
      if (target.id === 'shared' && this.#chance(0.7)) call.via = 'package';
      else if (target.dir === this.#tsAliasDir && target.id !== from.id && this.#chance(0.6)) call.via = 'alias';
    }
    return call;
  }

  #someCalls(from: Mod): Call[] {
    const calls: Call[] = [];
    const count = Math.floor(this.#random() * 3);
    for (let i = 0; i < count; i++) {
      const call = this.#someCall(from);
      if (call != null) calls.push(call);
    }
    return calls;
  }

  #baseFor(from: Mod): Call | null {
    const candidates = this.#modsOf(from.lang).filter((m) => m.classes.length > 0);
    if (candidates.length === 0) return null;
    const target = this.#pick(candidates);
    return { to: { id: target.id }, name: this.#pick(target.classes).name };
  }

  #interfaceFor(from: Mod): Call | null {
    const candidates = this.#mods.filter((m) => m.lang === 'ts' && m.interfaces.length > 0);
    if (from.lang !== 'ts' || candidates.length === 0) return null;
    const target = this.#pick(candidates);
    return { to: { id: target.id }, name: this.#pick(target.interfaces), ...(target.id === 'shared' ? { via: 'package' as const } : {}) };
  }

  /** Calls and bases into `mod` stop following it: they keep the path they had (and so dangle or re-target). */
  #freezeRefsTo(mod: Mod): void {
    const frozen: Target = { path: this.#pathOf(mod), goImport: `${this.#goModule}/${mod.dir}` };
    for (const m of this.#mods) {
      const refs = [...m.fns.flatMap((f) => f.calls), ...m.classes.flatMap((c) => [c.base, c.implements])];
      for (const ref of refs) if (ref != null && 'id' in ref.to && ref.to.id === mod.id) ref.to = frozen;
    }
  }

  /** Applies one change of the given kind; returns a description for the commit message. */
  apply(op: Operation): string {
    const lang = this.#pick(['py', 'ts', 'go'] as const);
    const mods = this.#modsOf(lang);
    switch (op) {
      case 'add_file': {
        const mod = this.#addModule(lang, this.#pick(DIRS[lang]));
        for (const fn of mod.fns) fn.calls = this.#someCalls(mod);
        for (const cls of mod.classes) {
          cls.base = this.#chance(0.5) ? this.#baseFor(mod) : null;
          cls.implements = this.#chance(0.5) ? this.#interfaceFor(mod) : null;
        }
        return `add ${this.#pathOf(mod)}`;
      }
      case 'add_function': {
        const mod = this.#pick(mods);
        const name = this.#pick(NAMES);
        if (!mod.fns.some((f) => f.name === name)) mod.fns.push({ name, calls: this.#someCalls(mod) });
        return `add ${name} to ${this.#pathOf(mod)}`;
      }
      case 'remove_function': {
        const mod = this.#pick(mods.filter((m) => m.fns.length > 0));
        const fn = this.#pick(mod.fns);
        mod.fns = mod.fns.filter((f) => f !== fn);
        return `remove ${fn.name} from ${this.#pathOf(mod)}`;
      }
      case 'change_calls': {
        const mod = this.#pick(mods.filter((m) => m.fns.length > 0));
        const fn = this.#pick(mod.fns);
        if (fn.calls.length > 0 && this.#chance(0.4)) fn.calls.pop();
        else {
          const call = this.#someCall(mod);
          if (call != null) fn.calls.push(call);
        }
        for (const cls of mod.classes) {
          if (this.#chance(0.3)) cls.base = this.#baseFor(mod);
          if (this.#chance(0.3)) cls.implements = this.#interfaceFor(mod);
        }
        return `change calls of ${fn.name} in ${this.#pathOf(mod)}`;
      }
      case 'delete_file': {
        const mod = this.#pick(mods);
        this.#freezeRefsTo(mod);
        this.#mods = this.#mods.filter((m) => m !== mod);
        return `delete ${this.#pathOf(mod)}`;
      }
      case 'rename_file':
      case 'move_file_across_dirs': {
        const mod = this.#pick(mods);
        const before = this.#pathOf(mod);
        if (this.#chance(0.4)) this.#freezeRefsTo(mod);
        if (op === 'move_file_across_dirs') mod.dir = this.#pick([...DIRS[lang], ...MOVED_DIRS[lang]].filter((d) => d !== mod.dir));
        mod.file = this.#freshFile(lang, mod.dir);
        return `move ${before} to ${this.#pathOf(mod)}`;
      }
      case 'move_function': {
        const from = this.#pick(mods.filter((m) => m.fns.length > 0));
        const to = this.#pick(mods.filter((m) => m !== from));
        const fn = this.#pick(from.fns);
        from.fns = from.fns.filter((f) => f !== fn);
        if (!to.fns.some((f) => f.name === fn.name)) to.fns.push(fn);
        if (this.#chance(0.5)) {
          for (const m of this.#mods) {
            for (const call of m.fns.flatMap((f) => f.calls)) {
              if ('id' in call.to && call.to.id === from.id && call.name === fn.name) {
                call.to = { id: to.id };
                delete call.via;
              }
            }
          }
        }
        return `move ${fn.name} from ${this.#pathOf(from)} to ${this.#pathOf(to)}`;
      }
      case 'retarget_import': {
        const calls = this.#mods.filter((m) => m.lang === lang).flatMap((m) => m.fns.flatMap((f) => f.calls));
        if (calls.length === 0) return 'no call to re-target';
        const call = this.#pick(calls);
        const others = this.#mods.filter((m) => m.lang === lang && m.fns.some((f) => f.name === call.name));
        const target = others.length > 0 ? this.#pick(others) : this.#pick(mods);
        call.to = { id: target.id };
        delete call.via;
        if (!target.fns.some((f) => f.name === call.name)) call.name = this.#pick(target.fns.length > 0 ? target.fns : [{ name: call.name, calls: [] }]).name;
        return `re-target a call of ${call.name} to ${this.#pathOf(target)}`;
      }
      case 'break_syntax': {
        const broken = this.#mods.filter((m) => m.broken);
        if (broken.length > 0 && this.#chance(0.5)) {
          const mod = this.#pick(broken);
          mod.broken = false;
          return `repair ${this.#pathOf(mod)}`;
        }
        const mod = this.#pick(mods);
        mod.broken = true;
        return `break ${this.#pathOf(mod)}`;
      }
      case 'move_directory': {
        const dirs = [...new Set(mods.map((m) => m.dir))];
        const dir = this.#pick(dirs);
        const target = this.#pick([...DIRS[lang], ...MOVED_DIRS[lang]].filter((d) => d !== dir && !d.startsWith(`${dir}/`)));
        for (const mod of mods.filter((m) => m.dir === dir)) {
          if (this.#mods.some((m) => m.dir === target && m.file === mod.file)) mod.file = this.#freshFile(lang, target);
          mod.dir = target;
        }
        return `move directory ${dir} to ${target}`;
      }
      case 'tsconfig_paths':
        this.#tsAliasDir = this.#tsAliasDir === 'src/lib' ? 'src/core' : 'src/lib';
        return `point @lib/* at ${this.#tsAliasDir}`;
      case 'go_mod_module': {
        const next = this.#goModule === 'example.com/fx' ? 'example.com/fx/v2' : 'example.com/fx';
        // Half of the time the imports are left as they were: every cross-package Go call then dangles.
        if (this.#chance(0.5)) for (const mod of this.#modsOf('go')) this.#freezeRefsTo(mod);
        this.#goModule = next;
        return `rename the Go module to ${next}`;
      }
      case 'package_name':
        this.#packageName = this.#packageName === '@fx/shared' ? '@fx/common' : '@fx/shared';
        return `rename the workspace package to ${this.#packageName}`;
      case 'python_package_root':
        this.#pythonRootInit = !this.#pythonRootInit;
        return `${this.#pythonRootInit ? 'add' : 'remove'} pkg/__init__.py`;
      case 'docs': {
        const name = this.#pick(['README.md', 'docs/guide.md', 'docs/notes/design.md']);
        if (this.#docs.has(name) && name !== 'README.md' && this.#chance(0.4)) this.#docs.delete(name);
        else this.#docs.set(name, `# ${name}\n\nRevision ${++this.#revision}.\n\n${'Some prose. '.repeat(1 + this.#revision % 7)}\n`);
        return `edit ${name}`;
      }
    }
  }

  /** Every file of the repository as it now is: path → content. */
  render(): Map<string, string> {
    const files = new Map<string, string>(this.#docs);
    files.set('tsconfig.json', JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@lib/*': [`${this.#tsAliasDir}/*`] } } }, null, 2));
    files.set('package.json', JSON.stringify({ name: 'fx', private: true, workspaces: ['packages/*'] }, null, 2));
    files.set('packages/shared/package.json', JSON.stringify({ name: this.#packageName, main: 'index.ts' }, null, 2));
    files.set('go.mod', `module ${this.#goModule}\n\ngo 1.21\n`);
    const pyDirs = new Set<string>();
    for (const mod of this.#mods) {
      files.set(`${this.#pathOf(mod)}.${EXT[mod.lang]}`, this.#renderModule(mod));
      if (mod.lang === 'py') for (let d = mod.dir; d !== '.'; d = path.posix.dirname(d)) pyDirs.add(d);
    }
    for (const dir of pyDirs) if (dir !== 'pkg' || this.#pythonRootInit) files.set(`${dir}/__init__.py`, '');
    return files;
  }

  #renderModule(mod: Mod): string {
    const text = mod.lang === 'py' ? this.#renderPython(mod) : mod.lang === 'ts' ? this.#renderTs(mod) : this.#renderGo(mod);
    return mod.broken ? `${text}\n${mod.lang === 'py' ? 'def broken(:\n    pass' : 'func broken( {{{'}\n` : text;
  }

  #targetPath(to: Target): string | null {
    if ('path' in to) return to.path;
    const mod = this.#byId(to.id);
    return mod == null ? null : this.#pathOf(mod);
  }

  #isSelf(mod: Mod, ref: Call): boolean {
    return 'id' in ref.to && ref.to.id === mod.id;
  }

  /** Import lines and the expression each reference is written as, with one alias per extra module of a name. */
  #imports(mod: Mod, refs: Call[], spec: (ref: Call) => string | null, line: (spec: string, name: string, alias: string | null) => string) {
    const lines: string[] = [];
    const exprs = new Map<Call, string>();
    const byName = new Map<string, string>();
    const aliases = new Map<string, string>();
    for (const ref of refs) {
      if (this.#isSelf(mod, ref)) {
        exprs.set(ref, ref.name);
        continue;
      }
      const s = spec(ref);
      if (s == null) continue;
      const first = byName.get(ref.name);
      if (first == null || first === s) {
        if (first == null) lines.push(line(s, ref.name, null));
        byName.set(ref.name, s);
        exprs.set(ref, ref.name);
      } else {
        let alias = aliases.get(s);
        if (alias == null) {
          alias = `m${aliases.size}`;
          aliases.set(s, alias);
          lines.push(line(s, ref.name, alias));
        }
        exprs.set(ref, `${alias}.${ref.name}`);
      }
    }
    return { lines: [...new Set(lines)], exprs };
  }

  #refsOf(mod: Mod): Call[] {
    return [
      ...mod.fns.flatMap((f) => f.calls),
      ...mod.classes.flatMap((c) => [c.base, c.implements].filter((r): r is Call => r != null)),
    ];
  }

  #renderPython(mod: Mod): string {
    const { lines, exprs } = this.#imports(
      mod,
      this.#refsOf(mod),
      (ref) => this.#targetPath(ref.to)?.replaceAll('/', '.') ?? null,
      (spec, name, alias) => (alias == null ? `from ${spec} import ${name}` : `import ${spec} as ${alias}`),
    );
    const out = [...lines, ''];
    for (const cls of mod.classes) {
      const base = cls.base == null ? '' : `(${exprs.get(cls.base) ?? 'object'})`;
      out.push(`class ${cls.name}${base}:`, `    def run(self):`, `        return ${JSON.stringify(mod.id)}`, '');
    }
    for (const fn of mod.fns) {
      out.push(`def ${fn.name}():`, `    value = ${JSON.stringify(mod.id)}`);
      for (const call of fn.calls) if (exprs.has(call)) out.push(`    ${exprs.get(call)}()`);
      out.push('    return value', '');
    }
    return `${out.join('\n')}\n`;
  }

  #renderTs(mod: Mod): string {
    const spec = (ref: Call): string | null => {
      const target = this.#targetPath(ref.to);
      if (target == null) return null;
      if (ref.via === 'package') return this.#packageName;
      if (ref.via === 'alias') return `@lib/${path.posix.basename(target)}`;
      const relative = path.posix.relative(mod.dir, target);
      return `${relative.startsWith('.') ? '' : './'}${relative}.js`;
    };
    const { lines, exprs } = this.#imports(mod, this.#refsOf(mod), spec, (s, name, alias) =>
      alias == null ? `import { ${name} } from '${s}';` : `import * as ${alias} from '${s}';`,
    );
    const out = [...lines, ''];
    for (const iface of mod.interfaces) out.push(`export interface ${iface} {`, '  run(): string;', '}', '');
    for (const cls of mod.classes) {
      const base = cls.base == null || !exprs.has(cls.base) ? '' : ` extends ${exprs.get(cls.base)}`;
      const impl = cls.implements == null || !exprs.has(cls.implements) ? '' : ` implements ${exprs.get(cls.implements)}`;
      out.push(`export class ${cls.name}${base}${impl} {`, `  run(): string {`, `    return ${JSON.stringify(mod.id)};`, '  }', '}', '');
    }
    for (const fn of mod.fns) {
      out.push(`export function ${fn.name}(): string {`, `  const value = ${JSON.stringify(mod.id)};`);
      for (const call of fn.calls) if (exprs.has(call)) out.push(`  ${exprs.get(call)}();`);
      out.push('  return value;', '}', '');
    }
    return `${out.join('\n')}\n`;
  }

  #renderGo(mod: Mod): string {
    const importPath = (ref: Call): string | null => {
      if ('path' in ref.to) return ref.to.goImport ?? null;
      const target = this.#byId(ref.to.id);
      return target == null ? null : `${this.#goModule}/${target.dir}`;
    };
    const imports = new Map<string, string>();
    const expr = (ref: Call): string | null => {
      const target = 'id' in ref.to ? this.#byId(ref.to.id) : undefined;
      if (target != null && target.dir === mod.dir) return ref.name;
      const p = importPath(ref);
      if (p == null) return null;
      let alias = imports.get(p);
      if (alias == null) {
        alias = `p${imports.size}`;
        imports.set(p, alias);
      }
      return `${alias}.${ref.name}`;
    };
    const body: string[] = [];
    for (const cls of mod.classes) {
      const base = cls.base == null ? null : expr(cls.base);
      body.push(`type ${cls.name} struct {`, ...(base == null ? [] : [`\t${base}`]), '\tname string', '}', '');
      body.push(`func (c *${cls.name}) Run() string {`, `\treturn ${JSON.stringify(mod.id)}`, '}', '');
    }
    for (const fn of mod.fns) {
      body.push(`func ${fn.name}() string {`, `\tvalue := ${JSON.stringify(mod.id)}`);
      for (const call of fn.calls) {
        const e = expr(call);
        if (e != null) body.push(`\t${e}()`);
      }
      body.push('\treturn value', '}', '');
    }
    const head = [`package ${path.posix.basename(mod.dir)}`, ''];
    if (imports.size > 0) {
      head.push('import (', ...[...imports].map(([p, alias]) => `\t${alias} "${p}"`), ')', '');
    }
    return `${[...head, ...body].join('\n')}\n`;
  }
}

/**
 * The operations of each of `commits` commits: the first ones go through every kind once (in a seeded order),
 * the rest are 1–3 random kinds each.
 */
export function planCommits(seed: number, commits: number): Operation[][] {
  const random = seededRandom(seed ^ 0x5bd1e995);
  const order = [...OPERATIONS].sort(() => random() - 0.5);
  const plan: Operation[][] = order.map((op) => [op]);
  while (plan.length < commits) {
    const count = 1 + Math.floor(random() * 3);
    plan.push(Array.from({ length: count }, () => OPERATIONS[Math.floor(random() * OPERATIONS.length)]!));
  }
  return plan.slice(0, Math.max(commits, OPERATIONS.length));
}
