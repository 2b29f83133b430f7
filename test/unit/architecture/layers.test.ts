import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SRC, relativeImports, sources } from './source-imports.js';

/**
 * The layers of src/, top first. A module may import its own folder and any folder below its own, never one
 * above: the pipeline reads top to bottom (entry points, HTTP intake, Temporal clients, workflows, activities,
 * then the integrations and pure engines they use). docs/architecture.md explains each layer.
 */
export const LAYERS: readonly string[] = [
  'cli',
  '(root)', // src/worker.ts and src/server.ts, the composition roots
  'stack',
  'http',
  'api',
  'temporal',
  'workflows',
  'activities',
  'engine',
  'github',
  'git',
  'queries',
  'graph',
  'resolution',
  'db',
  'parsers',
  'identity',
  'observability',
  'config',
  'shared',
];

function layerOf(file: string): string {
  const relative = path.relative(SRC, file);
  return relative.includes(path.sep) ? (relative.split(path.sep)[0] ?? '') : '(root)';
}

describe('src/ layers', () => {
  const files = sources(SRC);

  it('puts every folder of src/ in a layer', () => {
    const folders = new Set(files.map(layerOf));
    expect([...folders].filter((f) => !LAYERS.includes(f))).toEqual([]);
  });

  it('imports only downward (own folder, or a folder listed below it)', () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = layerOf(file);
      for (const spec of relativeImports(file)) {
        const target = path.resolve(path.dirname(file), spec);
        if (!target.startsWith(SRC)) continue;
        const to = layerOf(target);
        if (to !== from && LAYERS.indexOf(to) < LAYERS.indexOf(from)) {
          violations.push(`${path.relative(SRC, file)} (${from}) imports ${spec} (${to})`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('finds the imports it checks (the check itself can fail)', () => {
    const worker = files.find((f) => f.endsWith(`${path.sep}worker.ts`) && layerOf(f) === '(root)');
    expect(worker).toBeDefined();
    expect(relativeImports(worker!).length).toBeGreaterThan(5);
    expect(layerOf(path.join(SRC, 'graph', 'x.ts'))).toBe('graph');
  });
});
