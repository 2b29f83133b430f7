import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('..', import.meta.url));
/** Written next to the compiled modules by the build, from the TypeScript sources, so both agree. */
export const CODE_VERSIONS_FILE = 'code-versions.json';

/** The code whose output incremental runs reuse; a change to any of it invalidates what was reused. */
export const VERSIONED_CODE = {
  /** What a parse record contains: the parser engine, every language module, the grammars. */
  parser: { paths: ['parsers'], packages: ['web-tree-sitter', 'tree-sitter-wasms'] },
  /** What a file's graph fragment contains: the resolution engine and the row and id rules. */
  graph: {
    paths: [
      'resolution',
      'graph/emit-fragments.ts',
      'graph/file-node-rows.ts',
      'graph/graph-emitter.ts',
      'graph/fragment.ts',
      'graph/graph-model.ts',
      'identity/graph-ids.ts',
    ],
    packages: [] as string[],
  },
} as const;

/** Which piece of code a version is about. */
export type VersionedCode = keyof typeof VERSIONED_CODE;

function sourceFiles(target: string): string[] {
  if (!existsSync(target)) return [];
  if (!target.endsWith('.ts') && !target.endsWith('.js')) {
    return readdirSync(target, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
      .sort()
      .map((f) => path.join(target, f));
  }
  return [target];
}

/** The version of a piece of code, computed from its TypeScript sources and the packages it depends on. */
export function computeCodeVersion(code: VersionedCode, srcDir: string = SRC): string {
  const hash = createHash('sha256');
  for (const entry of VERSIONED_CODE[code].paths) {
    for (const file of sourceFiles(path.join(srcDir, entry))) {
      hash.update(path.relative(srcDir, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  for (const name of VERSIONED_CODE[code].packages) hash.update(`${name}@${packageVersion(name)}\0`);
  return hash.digest('hex').slice(0, 32);
}

// A package's `exports` may hide its package.json (and its `main` may not exist), so the manifest is looked up
// in the node_modules directories Node would search.
function packageVersion(name: string): string {
  for (const dir of createRequire(import.meta.url).resolve.paths(name) ?? []) {
    const manifest = path.join(dir, name, 'package.json');
    if (existsSync(manifest)) return (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version ?? '?';
  }
  throw new Error(`cannot find the package.json of ${name}`);
}

const memo = new Map<VersionedCode, string>();

/**
 * The version of the parser or the graph code this process runs: from `code-versions.json` when running the
 * compiled build (written by it from the sources), else computed from the sources next to this module.
 */
export function codeVersion(code: VersionedCode): string {
  let version = memo.get(code);
  if (version == null) {
    const file = path.join(SRC, CODE_VERSIONS_FILE);
    const built = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)[code] : null;
    version = built ?? computeCodeVersion(code);
    memo.set(code, version);
  }
  return version;
}
