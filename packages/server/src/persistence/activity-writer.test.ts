import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ActivityService } from '../services/activity/activity-service.js';
import { fakeRoom, sockets } from '../services/test-support/fake-context.js';
import { type ActivityEntry, MemoryActivityStore, type RoomActivity } from './activity-store.js';
import { ActivityWriter } from './activity-writer.js';

/** Records each multi-room write; rows of a room named `bad:*` fail, as a broken row would. */
class RecordingStore extends MemoryActivityStore {
  calls: RoomActivity[][] = [];
  down = false;
  override async writeMany(rows: readonly RoomActivity[]): Promise<void> {
    this.calls.push([...rows]);
    if (this.down) throw new Error('database down');
    if (rows.some((r) => r.room.startsWith('bad:'))) throw new Error('invalid input syntax');
    await super.writeMany(rows);
  }
}

const entry = (userId: string, edits = 1): ActivityEntry => {
  const at = new Date(Date.parse('2025-03-01T10:00:00.000Z')).toISOString();
  return { id: randomUUID(), type: 'edited', userId, userName: userId, data: { edits }, at, until: at };
};

/** Resolves when `promise` has settled or a few turns of the event loop have passed. */
async function settledSoon(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let i = 0; i < 5 && !settled; i++) await new Promise((r) => setImmediate(r));
  return settled;
}

describe('ActivityWriter', () => {
  it('writes what many rooms flush within its window as one statement, and only then resolves', async () => {
    const store = new RecordingStore();
    const writer = new ActivityWriter(store, { windowMs: 20 });
    const writes = ['a', 'b', 'c'].map((room) => writer.write(`room:${room}`, [entry('ana'), entry('bo')]));
    expect(store.calls).toHaveLength(0);
    await Promise.all(writes);
    expect(store.calls).toHaveLength(1);
    expect(store.calls[0]!.map((r) => r.room)).toEqual([
      'room:a',
      'room:a',
      'room:b',
      'room:b',
      'room:c',
      'room:c',
    ]);
    expect(await store.list('room:b', { limit: 10 })).toHaveLength(2);
  });

  it('writes at once when someone waits (flushPending) or when enough rows are waiting', async () => {
    const store = new RecordingStore();
    // A window no test would wait for: whatever resolves here went out without it.
    const writer = new ActivityWriter(store, { windowMs: 3_600_000, maxRows: 4 });
    const first = writer.write('r1', [entry('ana')]);
    expect(await settledSoon(first)).toBe(false);
    writer.flushPending();
    await first;
    expect(store.calls).toHaveLength(1);

    const second = writer.write('r1', [entry('ana'), entry('bo')]);
    const third = writer.write('r2', [entry('cy'), entry('dee')]);
    await Promise.all([second, third]);
    expect(store.calls.map((c) => c.length)).toEqual([1, 4]);
    await writer.flush();
  });

  it('queues what arrives during a statement for the next one, newest version of an entry winning', async () => {
    const store = new RecordingStore();
    const writer = new ActivityWriter(store, { windowMs: 5 });
    const grown = entry('ana', 1);
    const first = writer.write('r', [grown]);
    writer.flushPending();
    // While the first statement runs, the same entry grows twice (two flushes of two services would
    // never share an id; one writer must still never send a row twice in one upsert).
    const later = [
      writer.write('r', [{ ...grown, data: { edits: 2 } }]),
      writer.write('r', [{ ...grown, data: { edits: 3 } }]),
    ];
    await first;
    await Promise.all(later);
    expect(store.calls.map((c) => c.map((r) => r.entry.data.edits))).toEqual([[1], [3]]);
    expect((await store.list('r', { limit: 10 }))[0]!.data).toEqual({ edits: 3 });
  });

  it('fails only the rooms whose rows cannot be stored, and reports the failure to them', async () => {
    const store = new RecordingStore();
    const writer = new ActivityWriter(store, { windowMs: 5 });
    const good = writer.write('good:1', [entry('ana')]);
    const bad = writer.write('bad:1', [entry('bo')]);
    const alsoGood = writer.write('good:2', [entry('cy')]);
    await expect(good).resolves.toBeUndefined();
    await expect(bad).rejects.toThrow(/invalid input syntax/);
    await expect(alsoGood).resolves.toBeUndefined();
    expect(await store.list('good:1', { limit: 10 })).toHaveLength(1);
    expect(await store.list('good:2', { limit: 10 })).toHaveLength(1);
    expect(await store.list('bad:1', { limit: 10 })).toHaveLength(0);
  });

  it('behind ActivityService: rooms share statements, reads do not wait, failures are kept and retried', async () => {
    const store = new RecordingStore();
    const writer = new ActivityWriter(store, { windowMs: 3_600_000 });
    const errors: unknown[] = [];
    const rooms = ['x', 'y'].map((name) => {
      const room = fakeRoom({ room: `room:${name}` });
      const service = new ActivityService(room.ctx, writer, {
        now: room.now,
        flushDelayMs: 1_000,
        onError: (e) => errors.push(e),
      });
      return { room, service, ...sockets(room, service) };
    });
    for (const r of rooms) {
      r.join('ana');
      r.edit('ana');
      r.room.advance(1_000); // each room's own flush timer hands its entries to the writer
    }
    await new Promise((r) => setImmediate(r));
    expect(writer.pending).toBe(4);
    expect(store.calls).toHaveLength(0);

    // A read waits for the room's entries: they go out at once, with the other room's.
    const listed = await rooms[0]!.service.list({ limit: 10 });
    expect(listed.map((e) => e.type).sort()).toEqual(['edited', 'joined']);
    expect(store.calls).toHaveLength(1);
    expect(new Set(store.calls[0]!.map((r) => r.room))).toEqual(new Set(['room:x', 'room:y']));

    // The database fails: the room keeps its entries and writes them on a later flush.
    store.down = true;
    rooms[1]!.edit('bo');
    await expect(rooms[1]!.service.flush()).rejects.toThrow(/database down/);
    expect(errors).toHaveLength(1);
    store.down = false;
    await rooms[1]!.service.beforeUnload();
    const y = await store.list('room:y', { limit: 10 });
    expect(y.map((e) => `${e.type}:${e.userId}`).sort()).toEqual(['edited:ana', 'edited:bo', 'joined:ana']);
    await writer.flush();
    expect(writer.pending).toBe(0);
  });
});
