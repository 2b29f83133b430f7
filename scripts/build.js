// The build: compiles src/ to dist/ (one ES module per source file, with source maps) so that the CLI, the worker
// and the server run JavaScript instead of starting a TypeScript compiler. Plain JavaScript itself, because it
// runs before anything is compiled.
//
//   node scripts/build.js            builds when dist/ is missing or older than the sources (what bin/ runs)
//   node scripts/build.js --force    builds unconditionally
//
// Freshness is decided by a stamp in dist/: a hash of every input's path, size and mtime (a stat per file, a few
// milliseconds), then, only when that differs, a hash of their contents, so a touched but unchanged file costs
// a read and never a rebuild.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = path.join(ROOT, 'src');
const DIST = path.join(ROOT, 'dist');
const STAMP = '.build-stamp.json';
const LOCK = path.join(ROOT, '.dist.lock');
const TEMP_PREFIX = '.dist-';
// Outside src/, what changes the output: the compiler settings, the dependency versions (they enter the code
// versions written next to the modules) and this script.
const OTHER_INPUTS = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json', 'scripts/build.js'];
const LOCK_WAIT_MS = 120_000;

/** Every input file, relative to the project root with `/` separators, sorted. */
function inputFiles() {
  const sources = fs
    .readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .map((f) => `src/${f.split(path.sep).join('/')}`)
    .filter((f) => fs.statSync(path.join(ROOT, f)).isFile());
  return [...sources, ...OTHER_INPUTS.filter((f) => fs.existsSync(path.join(ROOT, f)))].sort();
}

function metadataKey(files) {
  const hash = createHash('sha256');
  for (const f of files) {
    const s = fs.statSync(path.join(ROOT, f));
    hash.update(`${f}\0${s.size}\0${s.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

function contentKey(files) {
  const hash = createHash('sha256');
  for (const f of files)
    hash
      .update(`${f}\0`)
      .update(fs.readFileSync(path.join(ROOT, f)))
      .update('\0');
  return hash.digest('hex');
}

function readStamp() {
  try {
    return JSON.parse(fs.readFileSync(path.join(DIST, STAMP), 'utf8'));
  } catch {
    return null;
  }
}

function writeJson(file, value) {
  const partial = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(partial, `${JSON.stringify(value, null, 2)}\n`);
  fs.renameSync(partial, file);
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

// One builder at a time per checkout; a lock left by a process that died is taken over.
async function withLock(fn) {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      fs.writeFileSync(LOCK, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(LOCK, 'utf8').trim() || 0);
      if (holder > 0 && !isAlive(holder)) {
        fs.rmSync(LOCK, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `${LOCK} is held by process ${holder} for over ${LOCK_WAIT_MS / 1000} s; remove it if no build runs`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(LOCK, { force: true });
  }
}

async function compile(files, stamp) {
  for (const entry of fs.readdirSync(ROOT)) {
    if (entry.startsWith(TEMP_PREFIX)) fs.rmSync(path.join(ROOT, entry), { recursive: true, force: true });
  }
  const out = path.join(ROOT, `${TEMP_PREFIX}${process.pid}.tmp`);
  const sources = files.filter((f) => f.startsWith('src/'));
  const modules = sources.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  try {
    await emit(out, sources, modules);
  } catch (error) {
    fs.rmSync(out, { recursive: true, force: true });
    throw error;
  }
  writeJson(path.join(out, STAMP), stamp);
  const previous = path.join(ROOT, `${TEMP_PREFIX}${process.pid}.old`);
  if (fs.existsSync(DIST)) fs.renameSync(DIST, previous);
  fs.renameSync(out, DIST);
  fs.rmSync(previous, { recursive: true, force: true });
  return modules.length;
}

async function emit(out, sources, modules) {
  const { build } = await import('esbuild');
  await build({
    entryPoints: modules.map((f) => path.join(ROOT, f)),
    outdir: out,
    outbase: SRC,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    tsconfig: path.join(ROOT, 'tsconfig.build.json'),
    logLevel: 'error',
  });
  // Anything else in src/ (data a module might read next to itself) travels along.
  for (const f of sources.filter((s) => !s.endsWith('.ts'))) {
    const target = path.join(out, path.relative('src', f));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(ROOT, f), target);
  }
  // The compiled modules cannot hash the TypeScript they came from, so the versions are computed here, from it.
  const codeVersion = await import(pathToFileURL(path.join(out, 'identity', 'code-version.js')).href);
  const versions = Object.fromEntries(
    Object.keys(codeVersion.VERSIONED_CODE).map((code) => [code, codeVersion.computeCodeVersion(code, SRC)]),
  );
  writeJson(path.join(out, codeVersion.CODE_VERSIONS_FILE), versions);
}

/**
 * Builds dist/ when it is missing or was built from other sources (or always, with `force`), and returns whether
 * it built. Without a src/ directory (an install that ships dist/ only) there is nothing to build from.
 */
export async function ensureBuild({ force = false, log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  if (!fs.existsSync(SRC)) return false;
  const files = inputFiles();
  const metadata = metadataKey(files);
  const stamp = readStamp();
  if (!force && stamp?.metadata === metadata) return false;
  const content = contentKey(files);
  if (!force && stamp?.content === content) {
    writeJson(path.join(DIST, STAMP), { metadata, content });
    return false;
  }
  return withLock(async () => {
    // Another process may have built these sources while this one waited for the lock.
    if (!force && readStamp()?.content === content) return false;
    const started = performance.now();
    const count = await compile(files, { metadata, content });
    log(
      `[build] compiled ${count} modules from src/ to dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    return true;
  });
}

if (process.argv[1] != null && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  ensureBuild({ force }).catch((error) => {
    process.stderr.write(
      `error: the build failed: ${error.message}. To fix this problem, fix the error esbuild reported above in src/\n`,
    );
    process.exitCode = 1;
  });
}
