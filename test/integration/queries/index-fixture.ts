import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import type { Config } from '../../../src/config/read-config.js';
import { writeBranchGraph } from '../../helpers/write-branch-graph.js';
import type { ParseRecord } from '../../../src/parsers/parse-record.js';
import { parseRepository } from '../../../src/parsers/parse-repository.js';
import { readParseRecords } from '../../../src/parsers/read-parse-records.js';

/**
 * Writes `files` to a temporary checkout and indexes it into Neo4j under `repoId` and `branch` through the real pipeline:
 * parseRepository → the branch-update engine in full mode. Returns the commit SHA the graph is stamped with.
 */
export async function indexFixture(
  driver: Driver,
  config: Config,
  repoId: string,
  files: Readonly<Record<string, string>>,
  commitSha: string,
  branch = 'main',
): Promise<void> {
  const work = await mkdtemp(path.join(tmpdir(), 'repograph-queries-'));
  try {
    const root = path.join(work, 'checkout');
    for (const [relative, content] of Object.entries(files)) {
      const file = path.join(root, relative);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
    }
    const parsedPath = path.join(work, 'parsed.ndjson');
    await parseRepository({ root, outputPath: parsedPath, config: { ...config.parser, threads: 1 } });
    await writeBranchGraph(
      driver,
      {
        database: config.neo4j.database,
        runId: `run-${commitSha}`,
        batchSize: config.neo4j.batchSize,
        concurrency: 2,
        spillDir: work,
      },
      {
        records: () => readParseRecords(parsedPath) as AsyncIterable<ParseRecord>,
        repoRoot: root,
        ctx: { repoId, branch, commitSha, githubRepoId: null },
      },
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
