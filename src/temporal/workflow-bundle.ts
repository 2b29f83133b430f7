import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger, type BundleOptions, type Logger } from '@temporalio/worker';
import { WORKFLOW_BUNDLER_OPTIONS, WORKFLOWS_PATH } from './workflow-bundler-options.js';

type WebpackConfig = Parameters<NonNullable<BundleOptions['webpackConfigHook']>>[0];
type WebpackPlugin = Extract<NonNullable<WebpackConfig['plugins']>[number], (compiler: never) => void>;
type WebpackCompiler = Parameters<WebpackPlugin>[0];

/** Bundles kept per set of options; older ones are deleted when a new one is written. */
const BUNDLES_KEPT = 4;
/** Bumped when the cache layout or the way bundles are built changes. */
const CACHE_FORMAT = 1;
const require = createRequire(import.meta.url);

/** What {@link loadWorkflowBundle} bundles and where it keeps the result. */
export interface WorkflowBundleOptions {
  /** Default {@link WORKFLOWS_PATH}. */
  workflowsPath?: string;
  /** The `interceptors.workflowModules` a worker would have passed; they are part of the bundle. */
  workflowInterceptorModules?: string[];
  /** Default `node_modules/.cache/repograph/workflow-bundles` of the project's install. */
  cacheDir?: string;
  /** For webpack's errors; default the SDK's console logger at WARN. */
  logger?: Logger;
}

/** A bundle on disk, for `Worker.create({ workflowBundle: { codePath } })`. */
export interface CachedWorkflowBundle {
  codePath: string;
  /** True when this call built it, false when it reused one. */
  built: boolean;
}

// Written next to each bundle: what it was built from. A bundle is used only while every project file webpack
// read still has the content it had then, and every file webpack looked for and did not find is still absent.
interface Manifest {
  options: string;
  files: Record<string, string>;
  missing: string[];
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function fileHash(file: string): string | null {
  try {
    return sha256(fs.readFileSync(file));
  } catch {
    return null;
  }
}

// A package's `exports` may hide its package.json, so it is looked up where Node would search.
function findPackage(name: string): { nodeModules: string; version: string } {
  for (const dir of require.resolve.paths(name) ?? []) {
    const manifest = path.join(dir, name, 'package.json');
    if (fs.existsSync(manifest)) {
      return {
        nodeModules: dir,
        version: (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version,
      };
    }
  }
  throw new Error(`cannot find the package.json of ${name}`);
}

/** Everything besides the project files that decides the bundle's content. */
function optionsKey(workflowsPath: string, interceptorModules: string[]): string {
  const worker = findPackage('@temporalio/worker');
  // The lock file pins every package the bundle may pull in from node_modules, not only the SDK.
  const lock = fileHash(path.join(worker.nodeModules, '..', 'package-lock.json'));
  return sha256(
    JSON.stringify({
      format: CACHE_FORMAT,
      workflowsPath,
      interceptorModules,
      worker: worker.version,
      workflow: findPackage('@temporalio/workflow').version,
      lock,
      webpackConfigHook: String(WORKFLOW_BUNDLER_OPTIONS),
    }),
  );
}

function isProjectFile(file: string): boolean {
  return path.isAbsolute(file) && !file.split(path.sep).includes('node_modules');
}

function isCurrent(manifest: Manifest): boolean {
  return (
    Object.entries(manifest.files).every(([file, hash]) => fileHash(file) === hash) &&
    manifest.missing.every((file) => !fs.existsSync(file))
  );
}

function readManifest(file: string): Manifest | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

/** The manifests written for these options, newest first. */
function manifestsFor(dir: string, prefix: string): string[] {
  const names = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  return names
    .filter((name) => name.startsWith(prefix) && name.endsWith('.json'))
    .map((name) => path.join(dir, name))
    .map((file) => ({ file, mtime: fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
    .sort((a, b) => b.mtime - a.mtime)
    .map(({ file }) => file);
}

function writeAtomically(file: string, data: string): void {
  const partial = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(partial, data);
  fs.renameSync(partial, file);
}

// Records what webpack read, so the manifest names exactly the files the bundle depends on.
function recordDependencies(used: { files: Set<string>; missing: Set<string> }): WebpackPlugin {
  return (compiler: WebpackCompiler) => {
    compiler.hooks.done.tap('repograph-workflow-bundle', (stats) => {
      for (const file of stats.compilation.fileDependencies) used.files.add(file);
      for (const file of stats.compilation.missingDependencies) used.missing.add(file);
    });
  };
}

/**
 * The workflow bundle for these sources, built with `bundleWorkflowCode` on first use and reused from
 * `cacheDir` afterwards, until a file it was built from changes, the SDK or the lock file changes, or the
 * interceptor modules differ: then it is built again, so a stale bundle is never used.
 */
export async function loadWorkflowBundle(options: WorkflowBundleOptions = {}): Promise<CachedWorkflowBundle> {
  const workflowsPath = options.workflowsPath ?? WORKFLOWS_PATH;
  const interceptorModules = options.workflowInterceptorModules ?? [];
  const dir =
    options.cacheDir ??
    path.join(findPackage('@temporalio/worker').nodeModules, '.cache', 'repograph', 'workflow-bundles');
  const key = optionsKey(workflowsPath, interceptorModules);
  const prefix = `${key.slice(0, 16)}-`;
  for (const file of manifestsFor(dir, prefix)) {
    const manifest = readManifest(file);
    const codePath = file.replace(/\.json$/, '.js');
    if (manifest?.options === key && isCurrent(manifest) && fs.existsSync(codePath)) {
      return { codePath, built: false };
    }
  }

  const used = { files: new Set<string>(), missing: new Set<string>() };
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    workflowInterceptorModules: interceptorModules,
    logger: options.logger ?? new DefaultLogger('WARN'),
    webpackConfigHook: (config) => {
      const hooked = WORKFLOW_BUNDLER_OPTIONS(config);
      return { ...hooked, plugins: [...(hooked.plugins ?? []), recordDependencies(used)] };
    },
  });
  const files: Record<string, string> = {};
  // Webpack's generated entry point lives in memory only; the options key covers it.
  for (const file of [...used.files].filter(isProjectFile).sort()) {
    const hash = fileHash(file);
    if (hash != null) files[file] = hash;
  }
  const missing = [...used.missing].filter(isProjectFile).sort();
  const name = `${prefix}${sha256(JSON.stringify(files)).slice(0, 16)}`;
  fs.mkdirSync(dir, { recursive: true });
  const codePath = path.join(dir, `${name}.js`);
  writeAtomically(codePath, code);
  // The manifest last: it is what marks the bundle as usable.
  writeAtomically(path.join(dir, `${name}.json`), JSON.stringify({ options: key, files, missing } satisfies Manifest));
  for (const old of manifestsFor(dir, prefix).slice(BUNDLES_KEPT)) {
    fs.rmSync(old, { force: true });
    fs.rmSync(old.replace(/\.json$/, '.js'), { force: true });
  }
  return { codePath, built: true };
}
