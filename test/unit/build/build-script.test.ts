import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCodeVersion } from '../../../src/identity/code-version.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const exec = promisify(execFile);

// A project of its own (the build script, the compiler settings, a few sources, the real node_modules), so the
// test can change sources without touching the checkout's.
let project = '';
const src = (file: string) => path.join(project, 'src', file);

async function build(...args: string[]): Promise<{ stderr: string; code: number }> {
  try {
    const { stderr } = await exec(process.execPath, [path.join(project, 'scripts', 'build.js'), ...args]);
    return { stderr, code: 0 };
  } catch (error) {
    const e = error as { stderr: string; code: number };
    return { stderr: e.stderr, code: e.code };
  }
}

async function runBuilt(file: string): Promise<string> {
  return (await exec(process.execPath, [path.join(project, 'dist', file)])).stdout;
}

beforeAll(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'repograph build '));
  fs.mkdirSync(path.join(project, 'scripts'));
  fs.copyFileSync(path.join(ROOT, 'scripts', 'build.js'), path.join(project, 'scripts', 'build.js'));
  for (const f of ['tsconfig.json', 'tsconfig.build.json', 'package.json']) {
    fs.copyFileSync(path.join(ROOT, f), path.join(project, f));
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'));
  fs.mkdirSync(src('identity'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'src', 'identity', 'code-version.ts'), src('identity/code-version.ts'));
  fs.mkdirSync(src('parsers'));
  fs.writeFileSync(src('parsers/greet.ts'), "export const greet = (name: string): string => `hello ${name}`;\n");
  fs.writeFileSync(src('main.ts'), "import { greet } from './parsers/greet.js';\nconsole.log(greet('one'));\n");
  fs.writeFileSync(src('extra.ts'), 'export {};\n');
});

afterAll(() => {
  fs.rmSync(project, { recursive: true, force: true });
});

describe('scripts/build.js', () => {
  it('compiles src/ to runnable JavaScript in dist/, with the code versions of the TypeScript sources', async () => {
    const first = await build();
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/\[build\] compiled 4 modules/);
    expect(await runBuilt('main.js')).toBe('hello one\n');
    const versions = JSON.parse(fs.readFileSync(path.join(project, 'dist', 'code-versions.json'), 'utf8'));
    expect(versions).toEqual({
      parser: computeCodeVersion('parser', path.join(project, 'src')),
      graph: computeCodeVersion('graph', path.join(project, 'src')),
    });
    // The versions are those of this project's parser sources, not of an empty tree.
    expect(versions.parser).not.toBe(computeCodeVersion('parser', path.join(project, 'no-such-dir')));
  });

  it('does nothing while the sources are unchanged, also when a file is only touched', async () => {
    expect((await build()).stderr).toBe('');
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(src('main.ts'), later, later);
    expect((await build()).stderr).toBe('');
  });

  it('rebuilds when a source changes, and drops the output of a deleted source', async () => {
    fs.writeFileSync(src('parsers/greet.ts'), "export const greet = (name: string): string => `hi ${name}`;\n");
    fs.rmSync(src('extra.ts'));
    expect((await build()).stderr).toMatch(/\[build\] compiled 3 modules/);
    expect(await runBuilt('main.js')).toBe('hi one\n');
    expect(fs.existsSync(path.join(project, 'dist', 'extra.js'))).toBe(false);
  });

  it('keeps the previous build when the new sources do not compile, and says so', async () => {
    fs.writeFileSync(src('parsers/greet.ts'), 'export const greet = (name: string) => {\n');
    const failed = await build();
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/error: the build failed: .*To fix this problem, fix the error/s);
    expect(await runBuilt('main.js')).toBe('hi one\n');
    expect(fs.readdirSync(project).filter((f) => f.startsWith('.dist'))).toEqual([]);
  });
});
