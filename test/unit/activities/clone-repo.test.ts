import { describe, expect, it } from 'vitest';
import { workDirFor } from '../../../src/activities/clone-repo.js';

describe('workDirFor', () => {
  it('names the dir from repo id, SHA and run, directly under the root', () => {
    const dir = workDirFor('/tmp/rg', 'r1', 'abcdef0123456789', 'run-1');
    expect(dir).toBe('/tmp/rg/r1-abcdef012345-run-1');
  });

  it('gives two runs of the same commit different dirs', () => {
    expect(workDirFor('/w', 'r', 'a'.repeat(40), 'run-1')).not.toBe(workDirFor('/w', 'r', 'a'.repeat(40), 'run-2'));
  });

  it('cannot escape the root through odd ids or branch-like names', () => {
    const dir = workDirFor('/w', '../../etc', 'feature/x', 'a/b');
    expect(dir.startsWith('/w/')).toBe(true);
    expect(dir.slice(3)).not.toContain('/');
  });
});
