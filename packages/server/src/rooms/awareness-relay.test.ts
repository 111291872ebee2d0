import {
  type AwarenessEntry,
  decodeAwarenessUpdate,
  decodeMessage,
  encodeAwarenessUpdate,
} from '@ensemble/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AwarenessRelay } from './awareness-relay.js';

function relayed(frames: Uint8Array[]): AwarenessEntry[][] {
  return frames.map((f) => {
    const m = decodeMessage(f);
    if (m.kind !== 'awareness') throw new Error('not awareness');
    return decodeAwarenessUpdate(m.update) as AwarenessEntry[];
  });
}

const entry = (clientId: number, clock: number, state: object | null): AwarenessEntry => ({
  clientId,
  clock,
  state: JSON.stringify(state),
});

describe('AwarenessRelay (SPEC 3.5–3.6)', () => {
  let frames: Uint8Array[];
  let relay: AwarenessRelay;
  const a = {};
  const b = {};
  beforeEach(() => {
    vi.useFakeTimers();
    frames = [];
    relay = new AwarenessRelay((f) => frames.push(f), 33, 30_000);
  });
  afterEach(() => {
    relay.destroy();
    vi.useRealTimers();
  });

  it('coalesces a flood of cursor moves into one relay per client per window, latest state wins', () => {
    for (let clock = 1; clock <= 50; clock++)
      relay.receive(a, encodeAwarenessUpdate([entry(1, clock, { x: clock })]));
    expect(frames).toHaveLength(0);
    vi.advanceTimersByTime(33);
    expect(relayed(frames)).toEqual([[entry(1, 50, { x: 50 })]]);
  });

  it('batches several clients into one frame, encoded once', () => {
    relay.receive(a, encodeAwarenessUpdate([entry(1, 1, { n: 'a' })]));
    relay.receive(b, encodeAwarenessUpdate([entry(2, 1, { n: 'b' })]));
    vi.advanceTimersByTime(33);
    expect(frames).toHaveLength(1);
    expect(relayed(frames)[0]).toHaveLength(2);
  });

  it('drops echoes whose clock is not newer (y-websocket 3 re-sends what it receives)', () => {
    relay.receive(a, encodeAwarenessUpdate([entry(1, 5, { x: 1 })]));
    vi.advanceTimersByTime(33);
    frames.length = 0;
    const verdict = relay.receive(a, encodeAwarenessUpdate([entry(1, 5, { x: 1 }), entry(1, 4, { x: 0 })]));
    expect(verdict).toMatchObject({ accepted: 0, dropped: 2 });
    vi.advanceTimersByTime(100);
    expect(frames).toHaveLength(0);
  });

  it('refuses entries for a client id another socket owns', () => {
    relay.receive(a, encodeAwarenessUpdate([entry(1, 1, { mine: true })]));
    const verdict = relay.receive(b, encodeAwarenessUpdate([entry(1, 9, { stolen: true })]));
    expect(verdict.foreign).toBe(1);
    vi.advanceTimersByTime(33);
    expect(relayed(frames)).toEqual([[entry(1, 1, { mine: true })]]);
  });

  it('removes an owner’s states for everyone when its socket goes, immediately', () => {
    relay.receive(a, encodeAwarenessUpdate([entry(1, 3, { x: 1 }), entry(7, 1, { x: 2 })]));
    vi.advanceTimersByTime(33);
    frames.length = 0;
    relay.removeOwner(a);
    expect(relayed(frames)).toEqual([[entry(1, 4, null), entry(7, 2, null)]]);
    expect(relay.size).toBe(0);
    expect(relay.snapshotFrame()).toBeNull();
  });

  it('accepts a client’s own removal at the same clock', () => {
    relay.receive(a, encodeAwarenessUpdate([entry(1, 3, { x: 1 })]));
    relay.receive(a, encodeAwarenessUpdate([entry(1, 3, null)]));
    expect(relay.size).toBe(0);
  });

  it('times out states nobody renewed', () => {
    relay.receive(a, encodeAwarenessUpdate([entry(1, 1, { x: 1 })]));
    vi.advanceTimersByTime(33);
    frames.length = 0;
    vi.advanceTimersByTime(31_000);
    expect(relayed(frames).flat()).toContainEqual(entry(1, 2, null));
    expect(relay.size).toBe(0);
  });

  it('reports undecodable updates', () => {
    expect(relay.receive(a, new Uint8Array([3, 1])).malformed).toMatch(/undecodable/);
  });
});
