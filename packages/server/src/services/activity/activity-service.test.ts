import { describe, expect, it } from 'vitest';
import { type ActivityEntry, MemoryActivityStore } from '../../persistence/activity-store.js';
import { caller, fakeRoom, sockets } from '../test-support/fake-context.js';
import { ActivityService } from './activity-service.js';
import { formatWindow, summarize } from './summary.js';

/** A memory store that counts write calls and can be told to fail. */
class CountingStore extends MemoryActivityStore {
  writes: ActivityEntry[][] = [];
  failNext = 0;
  override async write(room: string, entries: ActivityEntry[]): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('database down');
    }
    this.writes.push(entries);
    return super.write(room, entries);
  }
}

function setup() {
  const room = fakeRoom();
  const store = new CountingStore();
  const errors: unknown[] = [];
  const service = new ActivityService(room.ctx, store, {
    now: room.now,
    flushDelayMs: 1_000,
    onError: (e) => errors.push(e),
  });
  const { join, leave, edit } = sockets(room, service);
  const all = async () => (await service.list({ limit: 100 })).reverse();
  return { room, store, service, join, leave, edit, all, errors };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('ActivityService', () => {
  it('records joined and left once per user, not per socket', async () => {
    const { join, leave, all } = setup();
    const tab1 = join('ana', 'c1');
    const tab2 = join('ana', 'c2');
    leave(tab1);
    join('bo');
    leave(tab2);
    expect((await all()).map((e) => `${e.type}:${e.userName}`)).toEqual([
      'joined:Ana',
      'joined:Bo',
      'left:Ana',
    ]);
  });

  it('coalesces a user’s edits into one entry per quiet window, counting them', async () => {
    const { room, edit, all, join } = setup();
    join('ana');
    join('bo');
    for (let i = 0; i < 12; i++) {
      edit('ana');
      room.advance(10_000); // 10 s apart: inside the 30 s quiet window
    }
    edit('bo');
    room.advance(31_000); // quiet: Ana's next edit starts a new entry
    edit('ana');
    const edits = (await all()).filter((e) => e.type === 'edited');
    expect(edits.map((e) => [e.userName, e.data.edits])).toEqual([
      ['Ana', 12],
      ['Bo', 1],
      ['Ana', 1],
    ]);
    const first = edits[0]!;
    expect(Date.parse(first.until) - Date.parse(first.at)).toBe(110_000);
  });

  it('caps a coalesced entry’s span so summaries stay close to their window', async () => {
    const { room, edit, all } = setup();
    for (let i = 0; i < 30; i++) {
      edit('ana');
      room.advance(10_000);
    }
    const edits = (await all()).filter((e) => e.type === 'edited');
    expect(edits.map((e) => e.data.edits)).toEqual([12, 12, 6]);
  });

  it('broadcasts new entries at once and growing ones at most once a second', () => {
    const { room, edit } = setup();
    for (let i = 0; i < 50; i++) {
      edit('ana');
      room.advance(20);
    }
    room.advance(1_000);
    const entries = room.events.filter((e) => e.name === 'entry').map((e) => e.body as ActivityEntry);
    expect(new Set(entries.map((e) => e.id)).size).toBe(1);
    expect(entries.length).toBeLessThanOrEqual(3);
    expect(entries.at(-1)!.data.edits).toBe(50);
  });

  it('writes in batches: a flood of edits and events is a few writes, not one per change', async () => {
    const { room, store, service, edit } = setup();
    for (let i = 0; i < 500; i++) {
      edit(`user${i % 5}`);
      if (i % 10 === 0) service.record({ type: 'build', userId: 'ci', userName: 'CI', data: { n: i } });
      room.advance(5);
    }
    room.advance(1_000);
    await settle();
    expect(store.writes.length).toBeLessThanOrEqual(5);
    const stored = await store.list('room:test', { limit: 500 });
    expect(stored.filter((e) => e.type === 'edited').reduce((n, e) => n + (e.data.edits as number), 0)).toBe(
      500,
    );
    expect(stored.filter((e) => e.type === 'build')).toHaveLength(50);
  });

  it('flushes everything buffered before the room unloads', async () => {
    const { store, service, edit } = setup();
    edit('ana');
    service.record({ type: 'saved', userId: 'ana', userName: 'Ana', data: { name: 'v1' } });
    expect(store.writes).toHaveLength(0);
    await service.beforeUnload();
    expect((await store.list('room:test', { limit: 10 })).map((e) => e.type).sort()).toEqual([
      'edited',
      'saved',
    ]);
  });

  it('keeps entries whose write failed and stores them on the next flush', async () => {
    const { room, store, service, errors } = setup();
    store.failNext = 1;
    service.record({ type: 'locked', userId: 'ana', userName: 'Ana', data: { resource: 'node:1' } });
    room.advance(1_000);
    await settle();
    expect(errors).toHaveLength(1);
    room.advance(1_000);
    await settle();
    expect(await store.list('room:test', { limit: 10 })).toMatchObject([{ type: 'locked' }]);
  });

  it('refuses bad list and summary parameters with a clear error', async () => {
    const { service } = setup();
    const who = caller('ana');
    await expect(service.handle('list', { limit: 0 }, who)).rejects.toThrow(
      /invalid activity request: limit/,
    );
    await expect(service.handle('list', { since: 'yesterday' }, who)).rejects.toThrow(/since/);
    await expect(service.handle('summary', { windowMs: 'x' }, who)).rejects.toThrow(/windowMs/);
    await expect(service.handle('explode', {}, who)).rejects.toThrow(/no method explode/);
  });

  it('pages through the stream with the next cursor', async () => {
    const { service } = setup();
    for (let i = 0; i < 5; i++) service.record({ type: 'run', userId: 'ana', userName: 'Ana', data: { i } });
    const who = caller('ana');
    const page1 = (await service.handle('list', { limit: 3 }, who)) as {
      entries: ActivityEntry[];
      next: string;
    };
    const page2 = (await service.handle('list', { limit: 3, before: page1.next }, who)) as {
      entries: ActivityEntry[];
      next: string | null;
    };
    expect([...page1.entries, ...page2.entries].map((e) => e.data.i)).toEqual([4, 3, 2, 1, 0]);
    expect(page2.next).toBeNull();
  });

  it('summarizes the last minutes per user', async () => {
    const { room, service, edit, join } = setup();
    join('ana');
    join('bo');
    for (let i = 0; i < 12; i++) edit('ana');
    edit('bo');
    service.record({ type: 'chat', userId: 'bo', userName: 'Bo', data: {} });
    room.advance(60_000);
    const summary = await service.summary(5 * 60_000);
    expect(summary.users.map((u) => u.text)).toEqual([
      'Ana: 12 edits in the last 5 min',
      'Bo: 1 edit, 1 message in the last 5 min',
    ]);
    expect(summary.users[0]).toMatchObject({ userId: 'ana', userName: 'Ana', edits: 12 });
    room.advance(10 * 60_000);
    expect((await service.summary(5 * 60_000)).text).toBe('No activity in the last 5 min');
  });
});

describe('summary text', () => {
  it('names windows the way people say them', () => {
    expect(formatWindow(300_000)).toBe('5 min');
    expect(formatWindow(3_600_000)).toBe('1 h');
    expect(formatWindow(5_400_000)).toBe('90 min');
    expect(formatWindow(172_800_000)).toBe('2 days');
    expect(formatWindow(30_000)).toBe('30 s');
  });

  it('puts the most active first and says what each did', () => {
    const now = Date.parse('2025-03-01T10:00:00Z');
    const at = new Date(now).toISOString();
    const s = summarize(
      [
        { userId: 'bo', userName: 'Bo', type: 'saved', entries: 2, edits: 0, lastAt: at },
        { userId: 'ana', userName: 'Ana', type: 'edited', entries: 3, edits: 40, lastAt: at },
        { userId: 'cy', userName: 'Cy', type: 'joined', entries: 1, edits: 0, lastAt: at },
      ],
      3_600_000,
      now,
    );
    expect(s.users.map((u) => u.text)).toEqual([
      'Ana: 40 edits in the last 1 h',
      'Bo: 2 versions saved in the last 1 h',
      'Cy: present, no edits in the last 1 h',
    ]);
    expect(s.since).toBe('2025-03-01T09:00:00.000Z');
  });
});
