import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkflowBundle } from '../../../src/temporal/workflow-bundle.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

// Workflow sources of their own, so the test can change them: an entry module and a module it imports (and the
// project's node_modules, for the SDK).
let dir = '';
let cacheDir = '';
const file = (name: string) => path.join(dir, name);
const greeting = (text: string) => fs.writeFileSync(file('greeting.ts'), `export const GREETING = '${text}';\n`);

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'repograph bundle '));
  cacheDir = path.join(dir, 'cache');
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  fs.writeFileSync(
    file('workflows.ts'),
    "import { GREETING } from './greeting.js';\n\nexport async function greet(): Promise<string> {\n  return GREETING;\n}\n",
  );
  fs.writeFileSync(file('interceptors.ts'), 'export const interceptors = () => ({});\n');
  greeting('first words');
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('loadWorkflowBundle', () => {
  const load = (modules: string[] = []) =>
    loadWorkflowBundle({ workflowsPath: file('workflows.ts'), workflowInterceptorModules: modules, cacheDir });
  let first = '';

  it('bundles on first use, then reuses the bundle on disk', async () => {
    const built = await load();
    expect(built.built).toBe(true);
    expect(fs.readFileSync(built.codePath, 'utf8')).toContain('first words');
    first = built.codePath;
    expect(await load()).toEqual({ codePath: first, built: false });
  });

  it('never reuses a bundle once a module it includes changed, and reuses it again when the change is undone', async () => {
    greeting('second words');
    const rebuilt = await load();
    expect(rebuilt.built).toBe(true);
    expect(rebuilt.codePath).not.toBe(first);
    expect(fs.readFileSync(rebuilt.codePath, 'utf8')).toContain('second words');
    expect(fs.readFileSync(rebuilt.codePath, 'utf8')).not.toContain('first words');
    greeting('first words');
    expect(await load()).toEqual({ codePath: first, built: false });
  });

  it('keeps bundles with other interceptor modules apart', async () => {
    const intercepted = await load([file('interceptors.ts')]);
    expect(intercepted.built).toBe(true);
    expect(intercepted.codePath).not.toBe(first);
    expect(fs.readFileSync(intercepted.codePath, 'utf8')).toContain('interceptors.ts');
    expect((await load()).codePath).toBe(first);
  });

  it('rebuilds when a file webpack looked for and did not find appears', async () => {
    // With `.js` mapped to `.ts` first then `.js`, webpack looked for greeting.ts's neighbours; a new
    // package.json next to the sources changes how they resolve.
    fs.writeFileSync(file('package.json'), '{ "type": "module" }\n');
    try {
      const rebuilt = await load();
      expect(rebuilt.built).toBe(true);
    } finally {
      fs.rmSync(file('package.json'));
    }
  });
});
