import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NodeHandles } from '../../../src/graph/node-handles.js';

const PREFIX = '4:5760b6f3-b994-4bae-a588-70e2459bd280:';
const nodeId = (n: number): string => createHash('sha256').update(`node ${n}`).digest('hex').slice(0, 32);

describe('NodeHandles', () => {
  it('gives back the element id of every node set, through many growths of the table', () => {
    const handles = new NodeHandles();
    for (let i = 0; i < 50_000; i++) handles.set(nodeId(i), `${PREFIX}${i * 7}`);
    expect(handles.size).toBe(50_000);
    for (let i = 0; i < 50_000; i += 997) expect(handles.get(nodeId(i))).toBe(`${PREFIX}${i * 7}`);
    expect(handles.get(nodeId(50_001))).toBeUndefined();
  });

  it('forgets both nodes whose keys collide, and never answers for a node it was not given', () => {
    const handles = new NodeHandles();
    const a = `0123456789abc${'0'.repeat(19)}`;
    const b = `0123456789abc${'f'.repeat(19)}`;
    const c = `0123456789abc${'1'.repeat(19)}`;
    handles.set(a, `${PREFIX}1`);
    expect(handles.get(a)).toBe(`${PREFIX}1`);
    expect(handles.get(c)).toBeUndefined();
    handles.set(b, `${PREFIX}2`);
    expect(handles.get(a)).toBeUndefined();
    expect(handles.get(b)).toBeUndefined();
  });

  it('keeps ids that are not hex and element ids of another shape as they are', () => {
    const handles = new NodeHandles();
    handles.set(nodeId(1), `${PREFIX}10`);
    handles.set('file:a', `${PREFIX}11`);
    handles.set(nodeId(2), 'another-db:12');
    handles.set(nodeId(3), `${PREFIX}0013`);
    expect(handles.get('file:a')).toBe(`${PREFIX}11`);
    expect(handles.get(nodeId(2))).toBe('another-db:12');
    expect(handles.get(nodeId(3))).toBe(`${PREFIX}0013`);
    expect(handles.get(nodeId(1))).toBe(`${PREFIX}10`);
  });
});
