import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../../src/parsers/parse-file.js';
import { diffLines, renderGolden } from './render-golden.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/parsers/', import.meta.url));
const NOT_LANGUAGES = new Set(['walk', 'hostile']);
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const ACCEPT = 'UPDATE_GOLDEN=1 npx vitest run --project unit test/unit/parsers/golden.test.ts';
const CONFIG = {
  maxFileBytes: 1_000_000,
  maxAbsoluteFileBytes: 10_000_000,
  maxSymbolsPerFile: 500,
  fileTimeoutMs: 10_000,
};

const cases = fs
  .readdirSync(FIXTURES, { withFileTypes: true })
  .filter((dir) => dir.isDirectory() && !NOT_LANGUAGES.has(dir.name))
  .flatMap((dir) =>
    fs
      .readdirSync(path.join(FIXTURES, dir.name))
      .filter((name) => !name.endsWith('.golden'))
      .sort()
      .map((name) => `${dir.name}/${name}`),
  );

describe('golden parser output (test/fixtures/parsers/<lang>/<file>.golden)', () => {
  it.each(cases)('%s', async (relativePath) => {
    const source = path.join(FIXTURES, relativePath);
    const parsed = await parseFile({ relativePath, bytes: fs.readFileSync(source), config: CONFIG });
    const actual = renderGolden(parsed);
    const goldenPath = `${source}.golden`;
    if (UPDATE) {
      fs.writeFileSync(goldenPath, actual);
      return;
    }
    if (!fs.existsSync(goldenPath)) {
      expect.fail(`${relativePath} has no golden file. Run '${ACCEPT}', read ${relativePath}.golden, commit it.`);
    }
    const expected = fs.readFileSync(goldenPath, 'utf8');
    if (actual !== expected) {
      expect.fail(
        `${relativePath} differs from its golden file:\n${diffLines(expected, actual)}\n\nIf the new output is right, run '${ACCEPT}' and commit the .golden file.`,
      );
    }
    expect(parsed.problems.error).toBeNull();
  });
});
