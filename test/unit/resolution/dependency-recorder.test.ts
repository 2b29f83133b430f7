import { describe, expect, it } from 'vitest';
import { DependencyRecorder } from '../../../src/resolution/dependency-recorder.js';

describe('DependencyRecorder', () => {
  it('records a prefix of a list, and a longer prefix adds only what the shorter one left out', () => {
    const recorder = new DependencyRecorder();
    const list = ['s:a', 's:b', 's:c', 's:d'];
    const { keys } = recorder.capture(() => {
      recorder.recordPrefix(list, 2);
      expect(recorder.capture(() => recorder.recordPrefix(list, 1)).keys).toEqual(new Set(['s:a']));
      recorder.recordPrefix(list, 1);
      recorder.recordPrefix(list, 3);
    });
    expect([...keys]).toEqual(['s:a', 's:b', 's:c']);
  });

  it('records a cached set in every recording that asks for it, whatever an inner one took', () => {
    const recorder = new DependencyRecorder();
    const cached = new Set(['s:x', 'l:dir']);
    const outer = recorder.capture(() => {
      const inner = recorder.capture(() => recorder.recordCached(cached));
      expect(inner.keys).toEqual(cached);
      recorder.record('e:y');
      recorder.recordCached(cached);
      recorder.recordCached(cached);
    });
    expect(outer.keys).toEqual(new Set(['e:y', 's:x', 'l:dir']));
  });

  it('records nothing outside a capture', () => {
    const recorder = new DependencyRecorder();
    const list = ['s:a'];
    const cached = new Set(['s:b']);
    recorder.recordPrefix(list, 1);
    recorder.recordCached(cached);
    const { keys } = recorder.capture(() => {
      recorder.recordPrefix(list, 1);
      recorder.recordCached(cached);
    });
    expect(keys).toEqual(new Set(['s:a', 's:b']));
  });
});
