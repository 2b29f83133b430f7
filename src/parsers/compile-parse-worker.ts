import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface EsbuildSync {
  buildSync(options: Record<string, unknown>): { outputFiles?: { text: string }[] };
}

let compiled: string | null | undefined;

/**
 * When running from TypeScript sources, bundles `parse-worker.ts` and the engine into one JavaScript file (with
 * the esbuild that tsx ships) under `node_modules/.cache/repograph/`, once per process (again if the file is
 * deleted), and returns its path:
 * a thread that loads plain JavaScript starts in a fraction of the time one that registers tsx and transpiles
 * every module does. Returns null when esbuild is not available or the bundle fails; callers then use tsx.
 */
export function compiledParseWorker(): string | null {
  // Checked each time: a thread replaced hours later must not fail because someone cleaned the cache.
  if (compiled === null || (compiled !== undefined && fs.existsSync(compiled))) return compiled;
  compiled = null;
  try {
    const require = createRequire(import.meta.url);
    const esbuild = createRequire(require.resolve('tsx'))('esbuild') as EsbuildSync;
    const entry = fileURLToPath(new URL('./parse-worker.ts', import.meta.url));
    const result = esbuild.buildSync({
      entryPoints: [entry],
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    const text = result.outputFiles?.[0]?.text;
    if (text == null) return null;
    // Bare imports resolve from the bundle's directory, so it lives inside the project's node_modules.
    const dir = path.join(path.dirname(require.resolve('web-tree-sitter')), '..', '.cache', 'repograph');
    const file = path.join(dir, `parse-worker-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.mjs`);
    if (!fs.existsSync(file)) {
      fs.mkdirSync(dir, { recursive: true });
      const partial = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(partial, text);
      fs.renameSync(partial, file);
    }
    compiled = file;
  } catch {
    compiled = null;
  }
  return compiled;
}
