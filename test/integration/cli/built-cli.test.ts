import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphDriver } from '../../../src/graph/create-graph-driver.js';
import { deleteRepoGraph } from '../../../src/graph/delete-repo-graph.js';
import type { RepoIndexingSuccess } from '../../../src/shared/repo-indexing.js';
import { testConfig, uniqueSuffix } from '../../helpers/services.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = path.join(ROOT, 'bin', 'repograph.js');
const BUNDLES = path.join(ROOT, 'node_modules', '.cache', 'repograph', 'workflow-bundles');
const exec = promisify(execFile);
const driver = createGraphDriver(testConfig.neo4j);

let repo = '';
let repoId: string | null = null;

function git(...args: string[]) {
  return exec('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], { cwd: repo });
}

beforeAll(async () => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), 'repograph built cli '));
  fs.writeFileSync(path.join(repo, 'greet.py'), 'def greet(name):\n    return "hello " + name\n');
  fs.writeFileSync(path.join(repo, 'main.py'), 'from greet import greet\n\n\ndef main():\n    print(greet("you"))\n');
  await git('init', '-q', '-b', 'main');
  await git('add', '.');
  await git('commit', '-qm', 'two files');
});

afterAll(async () => {
  if (repoId != null) await deleteRepoGraph(driver, { repoId, branch: null, database: testConfig.neo4j.database });
  await driver.close();
  fs.rmSync(repo, { recursive: true, force: true });
});

describe('the built CLI (node bin/repograph.js runs dist/)', () => {
  it('answers --help from the compiled modules', async () => {
    const { stdout } = await exec(process.execPath, [CLI, '--help']);
    for (const verb of ['index', 'worker', 'serve', 'parse', 'query', 'status']) expect(stdout).toMatch(`\n  ${verb} `);
    expect(fs.existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))).toBe(true);
  });

  it('exits 2 with the usage on a bad flag, and 3 naming an external service that does not answer', async () => {
    const bogus = await exec(process.execPath, [CLI, 'status', '--bogus']).catch((e: unknown) => e);
    expect(bogus).toMatchObject({ code: 2 });
    expect((bogus as { stderr: string }).stderr).toMatch(
      /^error: unknown option --bogus\..*\nUsage: repograph status/s,
    );

    // TEST-NET-1 (RFC 5737) is never routed: nothing answers there, and it is no address of this machine.
    const env = { ...process.env, NEO4J_URI: 'bolt://192.0.2.1:7687' };
    const down = await exec(process.execPath, [CLI, 'index', repo], { env, timeout: 60_000 }).catch((e: unknown) => e);
    expect(down).toMatchObject({ code: 3 });
    expect((down as { stderr: string }).stderr).toContain(
      'error: Neo4j does not answer at 192.0.2.1:7687 (NEO4J_URI), and repograph starts services only on this machine. ' +
        'To fix this problem, start Neo4j there',
    );
  });

  it('indexes a local repository with its in-process worker, the workflows coming from a bundle of dist/', async () => {
    // A queue nobody polls, so the command starts its own worker from the compiled code.
    const env = { ...process.env, TEMPORAL_TASK_QUEUE: `built-cli-${uniqueSuffix()}` };
    const { stdout } = await exec(process.execPath, [CLI, 'index', repo, '--json'], { env, timeout: 170_000 });
    const result = JSON.parse(stdout) as RepoIndexingSuccess & { links: { cypher: string } };
    repoId = /repo_id: '([^']+)'/.exec(result.links.cypher)?.[1] ?? null;

    expect(result.status).toBe('success');
    expect(result.stats.total_files).toBe(2);
    expect(result.stats.failed_files).toBe(0);
    // greet and main: the parse step ran the compiled parse worker with its grammar.
    expect(result.stats.total_symbols).toBeGreaterThanOrEqual(2);
    expect(Object.keys(result.stats.step_millis)).toEqual(expect.arrayContaining(['clone', 'parse', 'persist_kg']));

    const session = driver.session({ database: testConfig.neo4j.database });
    try {
      const files = await session.run(
        'MATCH (f:FileNode {repo_id: $repoId}) RETURN f.relative_path AS path ORDER BY path',
        { repoId },
      );
      // The root directory and the two files.
      expect(files.records.map((r) => r.get('path'))).toEqual(['.', 'greet.py', 'main.py']);
    } finally {
      await session.close();
    }

    const manifests = fs.readdirSync(BUNDLES).filter((f) => f.endsWith('.json'));
    const built = manifests.map((f) => Object.keys(JSON.parse(fs.readFileSync(path.join(BUNDLES, f), 'utf8')).files));
    expect(built.some((files) => files.includes(path.join(ROOT, 'dist', 'workflows', 'index.js')))).toBe(true);
  });
});
