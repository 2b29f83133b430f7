import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCommand } from '../../../src/cli/command.js';
import { graphCommand } from '../../../src/cli/commands/graph-command.js';
import { call, fixtureRecords } from './graph-fixture.js';

async function runCli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  try {
    const code = await runCommand('graph', graphCommand, argv);
    return { code, out, err };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

describe('repograph graph', () => {
  let scratch: string | null = null;
  afterEach(async () => {
    if (scratch != null) await rm(scratch, { recursive: true, force: true });
  });

  it('prints nodes and relationships as JSON lines from a parse output', async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'graph-cli-'));
    const parsed = path.join(scratch, 'parsed.ndjson');
    const records = fixtureRecords({
      'a.py': {
        symbols: [
          ['function', 'f', 1, 3],
          ['function', 'g', 5, 6],
        ],
        calls: [call('g', 2)],
      },
    });
    await writeFile(parsed, records.map((r) => JSON.stringify(r)).join('\n'));
    const { code, out } = await runCli([scratch, '--parsed', parsed, '--json', '--repo-id', 'cli']);
    expect(code).toBe(0);
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => l.label === 'FileNode')).toHaveLength(2);
    expect(lines.filter((l) => l.label === 'SymbolNode').map((l) => (l.properties as { name: string }).name)).toEqual([
      'f',
      'g',
    ]);
    const calls = lines.filter((l) => l.type === 'CALLS');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.properties).toEqual({ resolution: 'same-file', line: 2, count: 1 });
    expect(Object.keys(calls[0] ?? {}).sort()).toEqual(['properties', 'source', 'target', 'type']);
  });

  it('parses a directory and prints a summary with counts per label, type and resolution', async () => {
    const dir = fileURLToPath(new URL('../../fixtures/graph/repos/python-app', import.meta.url));
    const { code, out } = await runCli([dir]);
    expect(code).toBe(0);
    expect(out).toMatch(/^nodes\n {2}FileNode +\d+\n {2}SymbolNode +\d+/m);
    expect(out).toMatch(/^ {2}CALLS:receiver-type +\d+$/m);
    expect(out).toMatch(/^ {2}python: imports 0, calls \d+/m);
  });

  it('rejects a missing directory with a usage error', async () => {
    const { code, err } = await runCli(['/nonexistent/dir/for/graph']);
    expect(code).toBe(2);
    expect(err).toContain('To fix this problem');
  });
});
