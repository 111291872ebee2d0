import {
  type AwarenessEntry,
  decodeAwarenessUpdate,
  decodeMessage,
  encodeAwarenessUpdate,
} from '@ensemble/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SYNC_LIMITS } from '../limits/limits.js';
import { GroupCommitter } from '../persistence/group-commit.js';
import { MemoryUpdateStore } from '../persistence/memory-update-store.js';
import { Room, type RoomMember } from './room.js';

interface FakeMember extends RoomMember {
  backlogged: boolean;
  /** Latest awareness state per client id this member was sent. */
  states: Map<number, string>;
}

function member(id: string): FakeMember {
  const states = new Map<number, string>();
  return {
    id,
    author: id,
    ensemble: false,
    caller: { connectionId: id, userId: id, userName: id, role: 'editor' },
    backlogged: false,
    states,
    send(frame) {
      const m = decodeMessage(frame);
      if (m.kind !== 'awareness') return;
      for (const e of decodeAwarenessUpdate(m.update) as AwarenessEntry[]) states.set(e.clientId, e.state);
    },
    saved() {},
  };
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const cursor = (clientId: number, clock: number, x: number) =>
  encodeAwarenessUpdate([{ clientId, clock, state: JSON.stringify({ cursor: x }) }]);

describe('awareness under backpressure (SPEC 3.5a)', () => {
  let room: Room | undefined;
  afterEach(() => room?.destroy());

  it('skips a backlogged socket, then makes it exact again with one catch-up frame', async () => {
    const store = new MemoryUpdateStore();
    const committer = new GroupCommitter(store, { delayMs: 1, retryMs: 10, onError: () => {} });
    room = await Room.load('aw', {
      store,
      committer,
      limits: { ...DEFAULT_SYNC_LIMITS, awarenessIntervalMs: 5 },
      onError: (e) => {
        throw e;
      },
    });
    const [a, b, slow, leaver] = ['a', 'b', 'slow', 'leaver'].map(member) as [
      FakeMember,
      FakeMember,
      FakeMember,
      FakeMember,
    ];
    for (const m of [a, b, slow, leaver]) room.join(m);
    room.receiveAwareness(leaver, cursor(4, 1, 0));
    await until(() => slow.states.get(4) !== undefined, 'everyone sees the leaver');

    slow.backlogged = true;
    for (let clock = 1; clock <= 5; clock++) {
      room.receiveAwareness(a, cursor(1, clock, clock * 10));
      await new Promise((r) => setTimeout(r, 8));
    }
    room.leave(leaver);
    await until(() => b.states.get(1) === JSON.stringify({ cursor: 50 }), 'b sees the last move');
    expect(b.states.get(4)).toBe('null');
    // The backlogged socket was not sent any of it.
    expect(slow.states.get(1)).toBeUndefined();
    expect(slow.states.get(4)).not.toBe('null');

    slow.backlogged = false;
    await until(() => slow.states.get(1) !== undefined, 'catch-up after draining');
    expect(slow.states.get(1)).toBe(JSON.stringify({ cursor: 50 }));
    expect(slow.states.get(4)).toBe('null'); // the removal it missed is in the catch-up frame
  });
});
