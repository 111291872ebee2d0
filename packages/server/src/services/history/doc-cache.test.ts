import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { HistoryDocCache } from './doc-cache.js';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));

function position(seq: number, coveredUntil: Date | null = at(seq)) {
  const doc = new Y.Doc({ gc: false });
  let destroyed = false;
  doc.on('destroy', () => {
    destroyed = true;
  });
  return { doc, seq, coveredUntil, destroyed: () => destroyed };
}

describe('HistoryDocCache', () => {
  it('hands out the furthest position of the room not past the point, once', () => {
    const cache = new HistoryDocCache(8);
    const [p10, p20, p30, other] = [position(10), position(20), position(30), position(25)];
    cache.put('a', p10);
    cache.put('a', p30);
    cache.put('a', p20);
    cache.put('b', other);
    expect(cache.take('a', { seq: 29 })?.seq).toBe(20);
    // Taken: nobody else gets it while it is being moved forward.
    expect(cache.take('a', { seq: 29 })?.seq).toBe(10);
    expect(cache.take('a', { seq: 29 })).toBeUndefined();
    expect(cache.take('a', { seq: 5 })).toBeUndefined();
    expect(cache.take('a', { seq: 30 })?.seq).toBe(30);
    expect(cache.size).toBe(1);
    cache.clear();
  });

  it('uses a position for a moment only if none of its updates is later than the moment', () => {
    const cache = new HistoryDocCache(8);
    cache.put('a', position(10, at(10)));
    // Seq 12 holds an update stamped second 50 (a late clock): no use for second 20.
    cache.put('a', position(12, at(50)));
    expect(cache.take('a', { at: at(20) })?.seq).toBe(10);
    expect(cache.take('a', { at: at(50) })?.seq).toBe(12);
    // The empty document before the first update fits any moment.
    cache.put('a', position(0, null));
    expect(cache.take('a', { at: at(-5) })?.seq).toBe(0);
  });

  it('keeps at most maxDocs over all rooms, destroying the least recently stored', () => {
    const cache = new HistoryDocCache(2);
    const [a1, b1, a2] = [position(1), position(2), position(3)];
    cache.put('a', a1);
    cache.put('b', b1);
    cache.put('a', a2);
    expect(cache.size).toBe(2);
    expect(a1.destroyed()).toBe(true);
    expect(b1.destroyed() || a2.destroyed()).toBe(false);
    cache.clear('b');
    expect(b1.destroyed()).toBe(true);
    expect(cache.take('a', { seq: 100 })?.seq).toBe(3);
    const off = new HistoryDocCache(0);
    const p = position(1);
    off.put('a', p);
    expect(p.destroyed()).toBe(true);
    expect(off.take('a', { seq: 1 })).toBeUndefined();
  });

  it('drops documents left unused for the idle time', () => {
    let now = 0;
    const cache = new HistoryDocCache(8, 1_000, () => now);
    const old = position(1);
    cache.put('a', old);
    now = 900;
    const recent = position(2);
    cache.put('a', recent);
    now = 1_500;
    cache.put('b', position(3)); // any store sweeps
    expect(old.destroyed()).toBe(true);
    expect(recent.destroyed()).toBe(false);
    expect(cache.take('a', { seq: 10 })?.seq).toBe(2);
    cache.clear();
  });
});
