import { describe, expect, it } from 'vitest';
import {
  changedKeysOf,
  planBranchUpdate,
  type PlanInput,
  type PreviousFile,
} from '../../../src/graph/plan-branch-update.js';

// The previous state of a branch: files with the cache key their fragment was built from.
const PREVIOUS: Record<string, string> = {
  'README.md': 'k-readme',
  'pkg/a.py': 'k-a',
  'pkg/b.py': 'k-b',
  'pkg/sub/c.py': 'k-c',
  'web/main.ts': 'k-main',
};
const PREVIOUS_DIRS = ['.', 'pkg', 'pkg/sub', 'web'];

function input(files: Record<string, string>, dirs: string[], commitChanged = true): PlanInput {
  const previousFiles = new Map<string, PreviousFile>(
    Object.entries(PREVIOUS).map(([path, cacheKey]) => [path, { path, cacheKey, summaryHash: `s-${path}` }]),
  );
  return {
    files: Object.entries(files).map(([path, cacheKey]) => ({ path, cacheKey })),
    dirs,
    previousFiles,
    previousDirs: new Set(PREVIOUS_DIRS),
    commitChanged,
  };
}

function without(path: string): Record<string, string> {
  return Object.fromEntries(Object.entries(PREVIOUS).filter(([p]) => p !== path));
}

const EMPTY = { changedFiles: [], addedFiles: [], removedFiles: [], addedDirs: [], removedDirs: [], affectedDirs: [] };

describe('planBranchUpdate', () => {
  it('plans nothing for the same files at the same commit, only the root when the commit moved', () => {
    expect(planBranchUpdate(input(PREVIOUS, PREVIOUS_DIRS, false))).toEqual(EMPTY);
    expect(planBranchUpdate(input(PREVIOUS, PREVIOUS_DIRS, true))).toEqual({ ...EMPTY, affectedDirs: ['.'] });
  });

  it('a file whose content changed is recomputed, and no directory changes for it', () => {
    const plan = planBranchUpdate(input({ ...PREVIOUS, 'pkg/sub/c.py': 'k-c2' }, PREVIOUS_DIRS, false));
    expect(plan).toEqual({ ...EMPTY, changedFiles: ['pkg/sub/c.py'] });
  });

  it('an added file is changed and added, and its directory lists it', () => {
    const plan = planBranchUpdate(input({ ...PREVIOUS, 'pkg/new.py': 'k-new' }, PREVIOUS_DIRS, false));
    expect(plan).toEqual({ ...EMPTY, changedFiles: ['pkg/new.py'], addedFiles: ['pkg/new.py'], affectedDirs: ['pkg'] });
  });

  it('a removed file is removed, and its directory no longer lists it', () => {
    const rest = without('pkg/b.py');
    const plan = planBranchUpdate(input(rest, PREVIOUS_DIRS, false));
    expect(plan).toEqual({ ...EMPTY, removedFiles: ['pkg/b.py'], affectedDirs: ['pkg'] });
  });

  it('a move into a new directory: removed, added, the new directory and both parents affected', () => {
    const rest = without('pkg/sub/c.py');
    const plan = planBranchUpdate(
      input({ ...rest, 'lib/deep/c.py': 'k-c' }, ['.', 'pkg', 'web', 'lib', 'lib/deep'], true),
    );
    expect(plan).toEqual({
      changedFiles: ['lib/deep/c.py'],
      addedFiles: ['lib/deep/c.py'],
      removedFiles: ['pkg/sub/c.py'],
      addedDirs: ['lib', 'lib/deep'],
      removedDirs: ['pkg/sub'],
      affectedDirs: ['.', 'lib', 'lib/deep', 'pkg', 'pkg/sub'],
    });
  });

  it('a file seen before without a cache key is recomputed', () => {
    const plan = planBranchUpdate({
      ...input(PREVIOUS, PREVIOUS_DIRS, false),
      previousFiles: new Map([
        ...input(PREVIOUS, PREVIOUS_DIRS).previousFiles,
        ['web/main.ts', { path: 'web/main.ts', cacheKey: null, summaryHash: null }],
      ]),
    });
    expect(plan.changedFiles).toEqual(['web/main.ts']);
    expect(plan.addedFiles).toEqual([]);
  });
});

describe('changedKeysOf', () => {
  it('derives the keys whose answers a plan changed', () => {
    const rest = without('pkg/sub/c.py');
    const plan = planBranchUpdate(
      input({ ...rest, 'pkg/a.py': 'k-a2', 'lib/deep/c.py': 'k-c' }, ['.', 'pkg', 'web', 'lib', 'lib/deep'], true),
    );
    // pkg/a.py changed content: its summary changed; pkg/b.py did not change at all.
    expect([...changedKeysOf(plan, ['pkg/a.py'])].sort()).toEqual(
      [
        's:lib/deep/c.py',
        'e:lib/deep/c.py',
        'l:lib/deep',
        's:pkg/sub/c.py',
        'e:pkg/sub/c.py',
        'l:pkg/sub',
        's:pkg/a.py',
        'd:lib',
        'x:lib',
        'd:lib/deep',
        'x:lib/deep',
        'x:deep',
        'd:pkg/sub',
        'x:pkg/sub',
        'x:sub',
      ].sort(),
    );
    // A body-only edit (summary unchanged) changes no key at all.
    const bodyOnly = planBranchUpdate(input({ ...PREVIOUS, 'pkg/a.py': 'k-a2' }, PREVIOUS_DIRS, true));
    expect([...changedKeysOf(bodyOnly, [])]).toEqual([]);
  });
});
