import { cp, mkdtemp, readFile, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/config/read-config.js';
import { buildGraph } from '../../../src/graph/build-graph.js';
import { REL_TYPES, nodeFileName, relFileName, type NodeRow, type RelRow } from '../../../src/graph/graph-model.js';
import { parseRepository } from '../../../src/parsers/parse-repository.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/graph', import.meta.url));
const REFERENCE_TYPES = new Set(['IMPORTS', 'CALLS', 'INHERITS', 'IMPLEMENTS']);

async function rows<T>(file: string): Promise<T[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as T);
}

// TypeScript fixtures are stored as `*.ts.fixture` so the project's own typecheck skips them; the copy gets the
// real names back.
async function checkout(repo: string, into: string): Promise<string> {
  const root = path.join(into, repo);
  await cp(path.join(FIXTURES, 'repos', repo), root, { recursive: true });
  for (const entry of await readdir(root, { recursive: true })) {
    if (entry.endsWith('.fixture'))
      await rename(path.join(root, entry), path.join(root, entry.slice(0, -'.fixture'.length)));
  }
  return root;
}

// Source → parser → graph, rendered as one line per reference relationship plus the unresolved counts, so a
// change in resolution shows up as a readable diff of the golden file.
async function renderGolden(repo: string): Promise<string> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'graph-golden-'));
  try {
    const root = await checkout(repo, scratch);
    const parsedPath = path.join(scratch, 'parsed.ndjson');
    await parseRepository({ root, outputPath: parsedPath, config: { ...readConfig({}).parser, threads: 1 } });
    const outDir = path.join(scratch, 'graph');
    const summary = await buildGraph({
      parsedPath,
      repoRoot: root,
      outDir,
      repoId: 'golden',
      branch: 'main',
      githubRepoId: null,
      commitSha: null,
    });
    const names = new Map<string, string>();
    for (const label of ['FileNode', 'SymbolNode'] as const) {
      for (const row of await rows<NodeRow>(path.join(outDir, nodeFileName(label)))) {
        const qname = row.props.qualified_name;
        names.set(row.node_id, `${row.props.relative_path}${qname == null ? '' : `#${qname}`}`);
      }
    }
    const lines: string[] = [];
    for (const type of REL_TYPES.filter((t) => REFERENCE_TYPES.has(t))) {
      for (const rel of await rows<RelRow>(path.join(outDir, relFileName(type)))) {
        lines.push(`${type} ${names.get(rel.source)} -> ${names.get(rel.target)} [${rel.props.resolution}]`);
      }
    }
    const unresolved = Object.entries(summary.unresolved).map(([lang, c]) => `unresolved ${lang} ${JSON.stringify(c)}`);
    return `${[...lines.sort(), ...unresolved].join('\n')}\n`;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

describe('golden resolution: source → parser → graph (accept changes with `npx vitest run --project unit -u`)', () => {
  for (const repo of ['python-app', 'ts-app', 'go-app', 'java-app', 'kotlin-app']) {
    it(repo, async () => {
      await expect(await renderGolden(repo)).toMatchFileSnapshot(path.join(FIXTURES, 'golden', `${repo}.txt`));
    });
  }
});
